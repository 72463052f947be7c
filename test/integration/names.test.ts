import { describe, expect, test } from "vitest";
import { createConfiguration } from "../../src/api/index.js";
import { runCli } from "../support/cli.js";
import {
  ACME_KEY,
  apiClient,
  cliEnv,
  loadExampleSeed,
  startTestEmulator,
} from "../support/emulator.js";
import { writeTree } from "../support/workspace.js";

const ACME_ID = "5c8c638d-deb1-46eb-9141-00305fbfdfaf";
const BASELINE_ID = "661ca0cb-770e-42c6-85cd-5d89590d5be6";
const LEGACY_ID = "4a1ec526-9813-4e08-be54-31e969812f07";

interface JsonChange {
  action: string;
  configurations: { name: string; id?: string }[];
  rename?: { from: string; to: string };
  request: { method: string; path: string; body: unknown };
}

/** Plans the files against the example account and returns the changes. */
async function planChanges(files: Record<string, string>) {
  const emulator = await startTestEmulator(await loadExampleSeed());
  const env = cliEnv(emulator, ACME_KEY);
  return planIn(env, await writeTree(files));
}

async function planIn(env: Record<string, string>, dir: string) {
  const result = await runCli(["plan", dir, "--format", "json"], { env });
  expect(result.stderr).not.toContain("error:");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout).accounts[0].changes as JsonChange[];
}

describe("configuration names", () => {
  test("previous name in another case renames", async () => {
    const changes = await planChanges({
      "acme.yaml":
        "account: acme\nsettings:\n  prune: true\nconfigurations:\n  - name: monorepo\n    previous_names: [Legacy-Monorepo]\n  - name: baseline\n",
    });
    expect(changes).toHaveLength(1);
    expect(changes[0]?.action).toBe("update");
    expect(changes[0]?.rename).toEqual({
      from: "legacy-monorepo",
      to: "monorepo",
    });
    expect(changes[0]?.configurations).toEqual([
      { name: "monorepo", id: LEGACY_ID },
    ]);
  });

  test("name in another case beats a previous name", async () => {
    const changes = await planChanges({
      "acme.yaml":
        "account: acme\nconfigurations:\n  - name: BASELINE\n    previous_names: [legacy-monorepo]\n",
    });
    expect(changes.map((change) => change.rename)).toEqual([
      { from: "baseline", to: "BASELINE" },
    ]);
    expect(changes[0]?.configurations).toEqual([
      { name: "BASELINE", id: BASELINE_ID },
    ]);
  });

  test("default configuration in another case", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const dir = await writeTree({
      "acme.yaml":
        "account: acme\nsettings:\n  default_configuration: Baseline\nconfigurations:\n  - name: baseline\n",
    });
    expect((await runCli(["validate", dir])).code).toBe(0);
    const changes = await planIn(cliEnv(emulator, ACME_KEY), dir);
    expect(changes.map((change) => change.action)).toEqual(["assign"]);
    expect(changes[0]?.configurations).toEqual([
      { name: "baseline", id: BASELINE_ID },
    ]);
  });

  test("unmanaged configuration emptied by the default", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const dir = await writeTree({
      "acme.yaml":
        "account: acme\nsettings:\n  default_configuration: baseline\nconfigurations:\n  - name: baseline\n",
    });
    const result = await runCli(["plan", dir], {
      env: cliEnv(emulator, ACME_KEY),
    });
    expect(result.stdout).toContain(
      [
        "  Unmanaged configurations (no file declares them; not updated or deleted):",
        `    legacy-monorepo (id ${LEGACY_ID}, 4 repositories; the plan moves all of them to declared configurations)`,
      ].join("\n"),
    );
  });

  test("default leaves a configuration without repositories alone", async () => {
    const changes = await planChanges({
      "acme.yaml":
        "account: acme\nsettings:\n  default_configuration: baseline\nconfigurations:\n  - name: baseline\n  - name: legacy-monorepo\n",
    });
    expect(changes.map((change) => change.action)).toEqual(["assign"]);
    const body = changes[0]?.request.body as { repository_ids: string[] };
    const emulatorSeed = await loadExampleSeed();
    const legacy = new Set(
      emulatorSeed.accounts[0]?.repositories
        .filter((repository) => repository.configuration_id === LEGACY_ID)
        .map((repository) => repository.id),
    );
    expect(legacy.size).toBe(4);
    expect(body.repository_ids.filter((id) => legacy.has(id))).toEqual([]);
    expect(body.repository_ids.length).toBeGreaterThan(0);
  });

  test("prune pattern matches a decomposed name", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    await createConfiguration(apiClient(emulator, ACME_KEY), ACME_ID, {
      configuration: { name: "old-cafe\u0301" },
    });
    const dir = await writeTree({
      "acme.yaml":
        'account: acme\nsettings:\n  prune: ["old-caf\u00e9"]\nconfigurations:\n  - name: baseline\n',
    });
    const changes = await planIn(cliEnv(emulator, ACME_KEY), dir);
    expect(
      changes.map(
        (change) => `${change.action} ${change.configurations[0]?.name}`,
      ),
    ).toEqual(["delete old-cafe\u0301"]);
  });
});

describe("include entries", () => {
  test("braces and a one-character class are globs", async () => {
    const changes = await planChanges({
      "acme.yaml":
        'account: acme\nconfigurations:\n  - name: money\n    repositories:\n      include: ["{payments-api,ledger-service}", "[p]ayments-worker"]\n',
    });
    expect(changes.map((change) => change.action)).toEqual(["create"]);
    const body = changes[0]?.request.body as { repositories: string[] };
    expect(body.repositories).toHaveLength(3);
  });
});
