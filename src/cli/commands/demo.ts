import {
  ApiClient,
  assignRepositories,
  listAccounts,
  listConfigurations,
  listRepositories,
  updateConfiguration,
} from "../../api/index.js";
import { loadSeedFile, startEmulator } from "../../emulator/index.js";
import { displayPath } from "../../util/display-path.js";
import { EXAMPLE_DIR, EXAMPLE_SEED } from "../../util/package-root.js";
import type { CliContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { runApply } from "./apply.js";
import { runDrift } from "./drift.js";
import { runPlan } from "./plan.js";

/** The out-of-band change the demo makes, as a dashboard user would. */
const DASHBOARD_CHANGE = {
  configuration: "backend-strict",
  riskThreshold: 4,
  repository: "payments-api",
  movedTo: "legacy-monorepo",
};

/**
 * Runs the whole workflow offline on an in-process emulator seeded with the
 * example account: plan, apply, plan again (empty), a change in the
 * "dashboard", then drift. Each step's exit code is checked, so the demo
 * fails loudly if the tool stops converging.
 */
export async function runDemo(context: CliContext): Promise<ExitCode> {
  const { output } = context;
  const seed = await loadSeedFile(EXAMPLE_SEED);
  const emulator = await startEmulator({ seed });
  const apiKey = seed.api_keys[0]?.key ?? "";
  output.addSecret(apiKey);

  try {
    const env = { DRYRUN_API_URL: emulator.url, DRYRUN_API_KEY: apiKey };
    const demo: CliContext = { output, env, interactive: false };
    const dir = displayPath(EXAMPLE_DIR);
    const api = { concurrency: 4 };

    heading(
      context,
      `The emulator listens on ${emulator.url}, seeded from ${displayPath(EXAMPLE_SEED)}`,
    );
    heading(context, `$ dryrun-config plan ${dir}`);
    expectExit(
      2,
      await runPlan({ ...api, dir, detailedExitcode: true }, demo),
      "the first plan",
    );

    heading(context, `$ dryrun-config apply ${dir} --auto-approve`);
    expectExit(
      0,
      await runApply({ ...api, dir, autoApprove: true }, demo),
      "apply",
    );

    heading(
      context,
      `$ dryrun-config plan ${dir}   # again: nothing left to do`,
    );
    expectExit(
      0,
      await runPlan({ ...api, dir, detailedExitcode: true }, demo),
      "the second plan",
    );

    heading(
      context,
      `A dashboard user sets risk_threshold of "${DASHBOARD_CHANGE.configuration}" to ${DASHBOARD_CHANGE.riskThreshold} and moves ${DASHBOARD_CHANGE.repository} to "${DASHBOARD_CHANGE.movedTo}"`,
    );
    await changeLikeADashboardUser(
      new ApiClient({ baseUrl: emulator.url, apiKey }),
    );

    heading(
      context,
      `$ dryrun-config drift ${dir}   # exits 2: the account drifted`,
    );
    expectExit(2, await runDrift({ ...api, dir }, demo), "drift");
  } finally {
    await emulator.close();
  }
  output.result(
    "\nThe demo finished: plan, apply, an empty second plan, and drift found.\n",
  );
  return ExitCode.Ok;
}

function heading(context: CliContext, text: string): void {
  context.output.result(`\n=== ${text}\n\n`);
}

function expectExit(expected: number, actual: number, step: string): void {
  if (actual !== expected) {
    throw new Error(
      `demo: ${step} exited with ${actual}, expected ${expected}`,
    );
  }
}

async function changeLikeADashboardUser(client: ApiClient): Promise<void> {
  const [account] = await listAccounts(client);
  if (account === undefined) throw new Error("demo: the seed has no account");
  const id = account.account_id;
  const configurations = await listConfigurations(client, id);
  const repositories = await listRepositories(client, id);
  const find = (name: string) => {
    const found = configurations.find(
      (configuration) => configuration.name === name,
    );
    if (found === undefined) throw new Error(`demo: no configuration ${name}`);
    return found;
  };
  const repository = repositories.find(
    (candidate) => candidate.name === DASHBOARD_CHANGE.repository,
  );
  if (repository === undefined) {
    throw new Error(`demo: no repository ${DASHBOARD_CHANGE.repository}`);
  }

  await updateConfiguration(
    client,
    id,
    find(DASHBOARD_CHANGE.configuration).id,
    {
      configuration: {
        configuration: { risk_threshold: DASHBOARD_CHANGE.riskThreshold },
      },
    },
  );
  await assignRepositories(client, id, {
    configuration_id: find(DASHBOARD_CHANGE.movedTo).id,
    repository_ids: [repository.id],
  });
}
