import { readdir, readFile, stat } from "node:fs/promises";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { runExport } from "../../src/cli/commands/export.js";
import { runPlan } from "../../src/cli/commands/plan.js";
import { parseSeed } from "../../src/emulator/index.js";
import { runCli } from "../support/cli.js";
import {
  createConfiguration,
  listConfigurations,
} from "../../src/api/index.js";
import {
  ACME_KEY,
  ALL_KEY,
  apiClient,
  cliEnv,
  loadExampleSeed,
  startTestEmulator,
  stopTestEmulator,
  writes,
} from "../support/emulator.js";
import { runInProcess } from "../support/in-process.js";
import {
  KEY,
  POLICY_CREDENTIALS,
  POLICY_PII,
  smallSeed,
} from "../support/seed.js";
import { writeTree } from "../support/workspace.js";

const ACME_ID = "5c8c638d-deb1-46eb-9141-00305fbfdfaf";

describe("export", () => {
  test("example account exports to files that plan to no changes", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const env = cliEnv(emulator, ACME_KEY);
    const dir = `${await writeTree({})}/exported`;
    const exported = await runCli(
      ["export", "--account", "acme", "--out", dir],
      { env },
    );
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe(`Wrote 2 files to ${dir}\n`);
    expect((await readdir(dir)).sort()).toEqual([
      "baseline.yaml",
      "legacy-monorepo.yaml",
    ]);

    const text = await readFile(`${dir}/legacy-monorepo.yaml`, "utf8");
    const lines = text.split("\n");
    expect(lines[0]).toMatch(
      /^# yaml-language-server: \$schema=.*schemas\/config\.schema\.json$/,
    );
    expect(lines[1]).toBe(
      "# Exported from account acme (5c8c638d-deb1-46eb-9141-00305fbfdfaf)",
    );
    expect(lines[2]).toMatch(
      /^# by dryrun-config \d+\.\d+\.\d+ on \d{4}-\d\d-\d\dT/,
    );
    expect(lines.slice(3, 6)).toEqual([
      "account: acme",
      "configurations:",
      "  - name: legacy-monorepo",
    ]);
    expect(text).toContain("        - Legacy_Billing\n");

    expect((await runCli(["validate", dir])).code).toBe(0);
    const plan = await runCli(["plan", dir, "--detailed-exitcode"], { env });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("No changes. Everything matches the files.");
    expect(writes(emulator)).toHaveLength(0);
  });

  test("name in decomposed form plans to no changes", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const env = cliEnv(emulator, ACME_KEY);
    const client = apiClient(emulator, ACME_KEY);
    const decomposed = "cafe\u0301";
    await createConfiguration(client, ACME_ID, {
      configuration: { name: decomposed },
    });
    const dir = `${await writeTree({})}/exported`;
    const exported = await runCli(
      ["export", "--account", "acme", "--out", dir],
      { env },
    );
    expect(exported.code).toBe(0);

    const plan = await runCli(["plan", dir, "--detailed-exitcode"], { env });
    expect(plan.stdout).toContain("No changes. Everything matches the files.");
    expect(plan.code).toBe(0);
    const drift = await runCli(["drift", dir], { env });
    expect(drift.code).toBe(0);
    const configurations = await listConfigurations(client, ACME_ID);
    expect(configurations.map((configuration) => configuration.name)).toContain(
      decomposed,
    );
  });

  test("account without configurations exports one file", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const env = cliEnv(emulator, ALL_KEY);
    const dir = `${await writeTree({})}/exported`;
    const exported = await runCli(
      ["export", "--account", "acme-labs", "--out", dir],
      { env },
    );
    expect(exported.stdout).toBe(`Wrote 1 file to ${dir}\n`);
    expect(await readdir(dir)).toEqual(["acme-labs.yaml"]);
    const text = await readFile(`${dir}/acme-labs.yaml`, "utf8");
    expect(text.split("\n").slice(3)).toEqual([
      "account: acme-labs",
      "configurations: []",
      "",
    ]);

    const plan = await runCli(["plan", dir, "--detailed-exitcode"], { env });
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain("No changes. Everything matches the files.");
  });

  test("single file and no overwrite", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const env = cliEnv(emulator, ACME_KEY);
    const dir = await writeTree({});
    const args = ["export", "--account", "acme", "--out", dir, "--single-file"];
    expect((await runCli(args, { env })).code).toBe(0);
    expect(await readdir(dir)).toEqual(["acme.yaml"]);
    const before = await stat(`${dir}/acme.yaml`);

    const again = await runCli(args, { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      `error: 1 file of the export already exists: ${dir}/acme.yaml\n`,
    );
    expect((await stat(`${dir}/acme.yaml`)).mtimeMs).toBe(before.mtimeMs);
    expect((await runCli([...args, "--force"], { env })).code).toBe(0);
  });

  test("emulator seed rehearses the account", async () => {
    const seed = await loadExampleSeed();
    const emulator = await startTestEmulator(seed);
    const dir = await writeTree({});
    const result = await runCli(
      ["export", "--account", "acme", "--emulator-seed", `${dir}/seed.json`],
      { env: cliEnv(emulator, ACME_KEY) },
    );
    expect(result.code).toBe(0);
    const text = await readFile(`${dir}/seed.json`, "utf8");
    expect(text).not.toContain(ACME_KEY);
    const exported = parseSeed(JSON.parse(text), "seed.json");
    expect(exported.accounts).toHaveLength(1);
    expect(
      exported.accounts[0]?.repositories.map((r) => [
        r.name,
        r.configuration_id,
      ]),
    ).toEqual(
      seed.accounts[0]?.repositories.map((r) => [r.name, r.configuration_id]),
    );
    expect(exported.api_keys[0]?.key).toMatch(
      /^dryrunsec_emulator_[0-9a-f]{32}$/,
    );

    const copy = await startTestEmulator(exported);
    const plan = await runCli(
      ["plan", "examples/dryrun-config", "--format", "json"],
      {
        env: cliEnv(copy, exported.api_keys[0]?.key ?? ""),
      },
    );
    const original = await runCli(
      ["plan", "examples/dryrun-config", "--format", "json"],
      {
        env: cliEnv(emulator, ACME_KEY),
      },
    );
    const strip = (output: string) => ({ ...JSON.parse(output), api_url: "" });
    expect(strip(plan.stdout)).toEqual(strip(original.stdout));
  });

  test("unknown account", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const result = await runCli(
      ["export", "--account", "acmee", "--out", "/tmp/unused"],
      {
        env: cliEnv(emulator, ACME_KEY),
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: account "acmee" is not an account this API key can access\nhint: did you mean "acme"?\n',
    );
  });

  test("--out that is a file", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const dir = await writeTree({ afile: "not a folder" });
    const result = await runCli(
      ["export", "--account", "acme", "--out", `${dir}/afile`],
      {
        env: cliEnv(emulator, ACME_KEY),
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `error: cannot use ${dir}/afile as the export folder (EEXIST)\nhint: pass --out with a folder, new or existing, not a file\n`,
    );
  });
});

const NAMES = ["alpha", "Beta", "gamma delta", "café", "no"];
const REPOSITORIES = [
  "api-a",
  "API-A",
  "svc-b",
  " spaced",
  "web[1]",
  "ok.repo",
  "x",
];

const settings = fc.record(
  {
    comment: fc.constantFrom("disabled", "enabled"),
    show_scan_confirmation: fc.boolean(),
    risk_threshold: fc.nat(9),
    analyzers: fc.dictionary(fc.constantFrom("sqli", "xss"), fc.boolean()),
    code_policies: fc.subarray([POLICY_CREDENTIALS, POLICY_PII]).chain((ids) =>
      fc.tuple(
        ...ids.map((id) =>
          fc
            .record(
              {
                enabled: fc.boolean(),
                silent: fc.boolean(),
                blocking: fc.boolean(),
              },
              { requiredKeys: [] },
            )
            .map((flags) => ({ id, ...flags })),
        ),
      ),
    ),
    notifications: fc.record(
      {
        enabled: fc.boolean(),
        deduplicate: fc.boolean(),
        integrationNames: fc.subarray(["slack", "pager"]),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

const account = fc.record({
  configurations: fc
    .subarray(NAMES)
    .chain((names) =>
      fc.tuple(
        ...names.map((name) =>
          settings.map((configuration) => ({ name, configuration })),
        ),
      ),
    ),
  assignment: fc.array(fc.nat(5), {
    minLength: REPOSITORIES.length,
    maxLength: REPOSITORIES.length,
  }),
});

describe("export round trip", () => {
  test("generated accounts export to an empty plan", async () => {
    await fc.assert(
      fc.asyncProperty(account, async (generated) => {
        const seed = smallSeed({
          configurations: generated.configurations.map((entry, index) => ({
            index: index + 1,
            ...entry,
          })),
          repositories: REPOSITORIES.map((name, index) => {
            const slot = generated.assignment[index] ?? 0;
            const valid = slot < generated.configurations.length;
            return { name, configuration: valid ? slot + 1 : undefined };
          }),
        });
        const emulator = await startTestEmulator(seed);
        const env = cliEnv(emulator, KEY);
        const dir = await writeTree({});
        const api = { concurrency: 4 };

        const exported = await runInProcess(
          (context) =>
            runExport({ ...api, account: "acme", out: dir }, context),
          env,
        );
        expect(exported.stderr).not.toMatch(/error/);
        expect(exported.code).toBe(0);
        if (generated.configurations.length > 0) {
          const planned = await runInProcess(
            (context) =>
              runPlan({ ...api, dir, detailedExitcode: true }, context),
            env,
          );
          expect(planned.stderr).not.toMatch(/error/);
          expect(planned.code).toBe(0);
        }
        expect(writes(emulator)).toHaveLength(0);
        await stopTestEmulator(emulator);
      }),
      { numRuns: 40 },
    );
  });
});
