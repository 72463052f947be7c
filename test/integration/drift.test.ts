import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import {
  assignRepositories,
  createConfiguration,
  deleteConfiguration,
  listConfigurations,
  listRepositories,
  updateConfiguration,
  type ApiClient,
} from "../../src/api/index.js";
import { runCli } from "../support/cli.js";
import {
  ACME_KEY,
  apiClient,
  cliEnv,
  EXAMPLE_DIR,
  loadExampleSeed,
  startTestEmulator,
  writes,
} from "../support/emulator.js";
import { writeTree } from "../support/workspace.js";

/** Applies the example, changes the account, and runs drift. */
async function driftAfter(
  change: (client: ApiClient, accountId: string) => Promise<void>,
  options: { dir?: string; args?: string[]; env?: Record<string, string> } = {},
) {
  const seed = await loadExampleSeed();
  const emulator = await startTestEmulator(seed);
  const env = { ...cliEnv(emulator, ACME_KEY), ...options.env };
  const dir = options.dir ?? EXAMPLE_DIR;
  const applied = await runCli(["apply", dir, "--auto-approve"], { env });
  expect(applied.code).toBe(0);
  await change(
    apiClient(emulator, ACME_KEY),
    seed.accounts[0]?.account_id ?? "",
  );
  const writesBefore = writes(emulator).length;
  const result = await runCli(["drift", dir, ...(options.args ?? [])], { env });
  expect(writes(emulator).length).toBe(writesBefore);
  return result;
}

async function idOf(client: ApiClient, accountId: string, name: string) {
  const found = (await listConfigurations(client, accountId)).find(
    (c) => c.name === name,
  );
  if (found === undefined) throw new Error(`no configuration ${name}`);
  return found.id;
}

async function patch(
  client: ApiClient,
  accountId: string,
  name: string,
  settings: object,
) {
  const id = await idOf(client, accountId, name);
  await updateConfiguration(client, accountId, id, {
    configuration: { configuration: settings },
  });
}

describe("drift", () => {
  test("a setting", async () => {
    const result = await driftAfter((client, account) =>
      patch(client, account, "services", { risk_threshold: 5 }),
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      '  configuration "services" (examples/dryrun-config/backend.yaml:',
    );
    expect(result.stdout).toContain(
      "      risk_threshold: 5 in the account, 3 in the files\n",
    );
  });

  test("a code policy flag", async () => {
    const result = await driftAfter(async (client, account) => {
      const id = await idOf(client, account, "infra-as-code");
      const live = (await listConfigurations(client, account)).find(
        (c) => c.id === id,
      );
      const policies = (live?.configuration?.code_policies ?? []).map(
        (policy, index) =>
          index === 0 ? { ...policy, blocking: false } : policy,
      );
      await patch(client, account, "infra-as-code", {
        code_policies: policies,
      });
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      '      code_policies["Pin third-party actions"]: { enabled = true, silent = false, blocking = false } in the account, { enabled = true, silent = false, blocking = true } in the files\n',
    );
  });

  test("an analyzer", async () => {
    const result = await driftAfter((client, account) =>
      patch(client, account, "baseline", {
        analyzers: {
          xss: true,
          secrets: true,
          general_security: true,
          sqli: true,
        },
      }),
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      "      analyzers.sqli: true in the account, absent from the files\n",
    );
  });

  test("an assignment", async () => {
    const result = await driftAfter(async (client, account) => {
      const repositories = await listRepositories(client, account);
      const repository = repositories.find((r) => r.name === "svc-billing");
      await assignRepositories(client, account, {
        configuration_id: await idOf(client, account, "baseline"),
        repository_ids: [repository?.id ?? ""],
      });
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      '      repository svc-billing: "baseline" in the account, "services" in the files\n',
    );
  });

  test("a deleted configuration", async () => {
    const result = await driftAfter(async (client, account) => {
      await deleteConfiguration(
        client,
        account,
        await idOf(client, account, "infra-as-code"),
      );
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(
      '  configuration "infra-as-code" (examples/dryrun-config/platform.yaml:9)\n      missing from the account\n',
    );
  });

  test("a new configuration under prune", async () => {
    const dir = await writeTree({
      "a.yaml":
        'account: acme\nsettings:\n  prune: ["team-*"]\nconfigurations:\n  - name: kept\n',
    });
    const result = await driftAfter(
      async (client, account) => {
        await createConfiguration(client, account, {
          configuration: { name: "team-shadow", configuration: {} },
        });
      },
      { dir },
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(
      /  configuration "team-shadow" \(id [0-9a-f-]+\)\n      exists in the account, and prune removes it\n/,
    );
  });

  test("a new configuration without prune is information", async () => {
    const result = await driftAfter(async (client, account) => {
      await createConfiguration(client, account, {
        configuration: { name: "shadow", configuration: {} },
      });
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /    shadow \(id [0-9a-f-]+, 0 repositories\)\n/,
    );
    expect(result.stdout).toContain(
      "No drift. Every account matches the files.",
    );
  });

  test("JSON report", async () => {
    const result = await driftAfter(
      (client, account) =>
        patch(client, account, "services", { risk_threshold: 5 }),
      { args: ["--format", "json"] },
    );
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout);
    expect(report.drifted).toBe(1);
    expect(report.accounts[0].configurations).toEqual([
      {
        name: "services",
        id: expect.any(String),
        declared_at: expect.stringMatching(/backend\.yaml:\d+$/),
        differences: [
          { kind: "field", field: "risk_threshold", account: 5, files: 3 },
        ],
      },
    ]);
  });

  test("markdown in the job summary", async () => {
    const summaryDir = await writeTree({ "summary.md": "# Earlier step\n" });
    const summary = `${summaryDir}/summary.md`;
    const result = await driftAfter(
      (client, account) =>
        patch(client, account, "services", { risk_threshold: 5 }),
      { env: { GITHUB_STEP_SUMMARY: summary } },
    );
    expect(result.code).toBe(2);
    const text = await readFile(summary, "utf8");
    expect(text.startsWith("# Earlier step\n## dryrun-config drift\n")).toBe(
      true,
    );
    expect(text).toContain(
      "  - risk_threshold: 5 in the account, 3 in the files\n",
    );
    expect(text).toContain(
      "**Drift found: 1 configuration differs from the files.**\n",
    );
  });

  test("configurations of one bulk change keep their file and line", async () => {
    const result = await driftAfter(
      async (client, account) => {
        await patch(client, account, "services", { risk_threshold: 9 });
        await patch(client, account, "infra-as-code", { risk_threshold: 9 });
      },
      { args: ["--format", "json"] },
    );
    expect(result.code).toBe(2);
    const entries = JSON.parse(result.stdout).accounts[0].configurations;
    expect(
      entries.map((entry: { declared_at: string }) => entry.declared_at),
    ).toEqual([
      expect.stringMatching(/platform\.yaml:\d+$/),
      expect.stringMatching(/backend\.yaml:\d+$/),
    ]);
  });
});
