import { describe, expect, test } from "vitest";
import { runCli } from "../support/cli.js";
import { cliEnv, startTestEmulator, writes } from "../support/emulator.js";
import {
  ACCOUNT,
  configurationId,
  KEY,
  POLICY_PII,
  repositoryId,
  smallSeed,
} from "../support/seed.js";
import { writeTree } from "../support/workspace.js";

const SEED = smallSeed({
  configurations: [
    { index: 1, name: "old-name", configuration: { risk_threshold: 3 } },
    { index: 2, name: "team-x", configuration: { risk_threshold: 1 } },
    { index: 3, name: "team-y", configuration: { risk_threshold: 1 } },
  ],
  repositories: [
    { name: "api-a" },
    { name: "api-b", configuration: 1 },
    { name: "svc-c", configuration: 2 },
    { name: "svc-d", configuration: 3 },
    { name: "web-e" },
  ],
});

const CONFIG = `account: acme
configurations:
  - name: backend
    previous_names: [old-name]
    risk_threshold: 2
    repositories: ["api-*"]
  - name: team-x
    risk_threshold: 4
  - name: team-y
    risk_threshold: 4
  - name: web
    analyzers: { xss: true }
    code_policies:
      - policy: No PII in logs
    notifications:
      enabled: true
      integrations: [alerts]
    repositories:
      names: [web-e]
`;

const base = `/v1/accounts/${ACCOUNT}/configurations`;

describe("apply requests", () => {
  test("sends exactly the planned requests", async () => {
    const emulator = await startTestEmulator(SEED);
    const dir = await writeTree({ "acme.yaml": CONFIG });
    const result = await runCli(
      ["apply", dir, "--auto-approve", "--allow-weakening"],
      {
        env: cliEnv(emulator, KEY),
      },
    );
    expect(result.stderr).not.toContain("error");
    expect(result.code).toBe(0);

    expect(
      writes(emulator).map(({ method, path, body }) => ({
        method,
        path,
        body,
      })),
    ).toEqual([
      {
        method: "POST",
        path: base,
        body: {
          configuration: {
            name: "web",
            configuration: {
              analyzers: { xss: true },
              code_policies: [
                {
                  id: POLICY_PII,
                  enabled: true,
                  silent: false,
                  blocking: false,
                },
              ],
              notifications: { enabled: true, integrationNames: ["alerts"] },
            },
          },
          repositories: [repositoryId(5)],
        },
      },
      {
        method: "PATCH",
        path: `${base}/${configurationId(1)}`,
        body: {
          configuration: {
            name: "backend",
            configuration: { risk_threshold: 2 },
          },
        },
      },
      {
        method: "POST",
        path: `${base}/bulk_update`,
        body: {
          configuration_ids: [configurationId(2), configurationId(3)],
          updates: { risk_threshold: 4 },
        },
      },
      {
        method: "POST",
        path: `${base}/assign_repositories`,
        body: {
          configuration_id: configurationId(1),
          repository_ids: [repositoryId(1)],
        },
      },
    ]);
  });

  test("rename keeps id and assignments", async () => {
    const emulator = await startTestEmulator(SEED);
    const dir = await writeTree({ "acme.yaml": CONFIG });
    const env = cliEnv(emulator, KEY);
    expect(
      (
        await runCli(["apply", dir, "--auto-approve", "--allow-weakening"], {
          env,
        })
      ).code,
    ).toBe(0);

    const account = emulator.snapshot().accounts[0];
    const renamed = account?.configurations.find(
      (c) => c.id === configurationId(1),
    );
    expect(renamed?.name).toBe("backend");
    const assigned = account?.repositories
      .filter(
        (repository) => repository.configuration_id === configurationId(1),
      )
      .map((repository) => repository.name);
    expect(assigned).toEqual(["api-a", "api-b"]);

    const again = await runCli(["plan", dir, "--detailed-exitcode"], { env });
    expect(again.code).toBe(0);
  });

  test("same target from different values is no bulk update", async () => {
    const seed = smallSeed({
      configurations: [
        { index: 1, name: "aaa", configuration: { risk_threshold: 5 } },
        { index: 2, name: "bbb", configuration: { risk_threshold: 1 } },
      ],
    });
    const emulator = await startTestEmulator(seed);
    const dir = await writeTree({
      "acme.yaml":
        "account: acme\nconfigurations:\n  - name: aaa\n    risk_threshold: 2\n  - name: bbb\n    risk_threshold: 2\n",
    });
    const env = cliEnv(emulator, KEY);
    const plan = await runCli(["plan", dir, "--format", "json"], { env });
    const changes = JSON.parse(plan.stdout).accounts[0].changes as {
      action: string;
      impact: { level: string };
      fields: { field: string; before: unknown; after: unknown }[];
    }[];
    expect(
      changes.map((c) => [c.action, c.impact.level, c.fields[0]?.before]),
    ).toEqual([
      ["update", "tightening", 5],
      ["update", "weakening", 1],
    ]);

    const rejected = await runCli(["apply", dir, "--auto-approve"], { env });
    expect(rejected.code).toBe(3);
    expect(writes(emulator)).toHaveLength(0);
  });

  test("plan text shows every action", async () => {
    const emulator = await startTestEmulator(SEED);
    const dir = await writeTree({ "acme.yaml": CONFIG });
    const result = await runCli(["plan", dir, "--detailed-exitcode"], {
      env: cliEnv(emulator, KEY),
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe(
      [
        "Security impact of 4 changes: 1 weakening (1 finding below), 3 tightening, 0 neutral.",
        "  Weakening (apply needs --allow-weakening):",
        '    ! configuration "team-x", "team-y": risk_threshold 1 -> 4: risk threshold raised (2 repositories)',
        "",
        `Account acme (${ACCOUNT})`,
        "",
        `  + create configuration "web" with 1 repository`,
        "      + analyzers.xss                   = true",
        `      + code_policies["No PII in logs"] = { enabled = true, silent = false, blocking = false }`,
        "      + notifications.enabled           = true",
        `      + notifications.integrations      = ["alerts"]`,
        "        web-e  from no configuration",
        "",
        `  ~ update configuration "backend" (id ${configurationId(1)}), renamed from "old-name"`,
        "      -risk_threshold = 3",
        "      +risk_threshold = 2",
        "",
        `  ~ update 2 configurations in one bulk update: "team-x", "team-y"`,
        "      ~ risk_threshold = 1 -> 4",
        "",
        `  ↻ assign 1 repository to configuration "backend" (id ${configurationId(1)})`,
        "        api-a  from no configuration",
        "",
        "  2 repositories claimed by no configuration keep their current configuration.",
        "",
        "Plan: 1 to create, 3 to update, 2 repositories to assign, 0 to delete (4 API calls).",
        "",
      ].join("\n"),
    );
    expect(writes(emulator)).toHaveLength(0);
  });
});
