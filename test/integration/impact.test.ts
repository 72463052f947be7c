import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { runCli } from "../support/cli.js";
import {
  ALL_KEY,
  cliEnv,
  loadExampleSeed,
  startTestEmulator,
  writes,
} from "../support/emulator.js";
import { KEY, POLICY_CREDENTIALS, smallSeed } from "../support/seed.js";
import { writeTree } from "../support/workspace.js";

const SEED = () =>
  smallSeed({
    configurations: [
      {
        index: 1,
        name: "backend",
        configuration: {
          code_policies: [
            {
              id: POLICY_CREDENTIALS,
              enabled: true,
              silent: false,
              blocking: true,
            },
          ],
        },
      },
    ],
    repositories: [
      { name: "api-a", configuration: 1 },
      { name: "api-b", configuration: 1 },
    ],
  });

const UNBLOCKED = `account: acme
configurations:
  - name: backend
    code_policies:
      - policy: No hardcoded credentials
        blocking: false
`;

describe("weakening changes", () => {
  test("unblocking a policy needs --allow-weakening", async () => {
    const emulator = await startTestEmulator(SEED());
    const dir = await writeTree({ "acme.yaml": UNBLOCKED });
    const env = cliEnv(emulator, KEY);

    const refused = await runCli(["apply", dir, "--auto-approve"], { env });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(
      [
        "error: the plan weakens the account's security in 1 place:",
        '  configuration "backend": code_policies["No hardcoded credentials"] { enabled = true, silent = false, blocking = true } -> { enabled = true, silent = false, blocking = false }: policy no longer blocking (2 repositories)',
        "hint: review them, then pass --allow-weakening to apply the plan anyway",
      ].join("\n"),
    );
    expect(writes(emulator)).toHaveLength(0);

    const applied = await runCli(
      ["apply", dir, "--auto-approve", "--allow-weakening"],
      { env },
    );
    expect(applied.code).toBe(0);
    expect(writes(emulator)).toHaveLength(1);
    const stored =
      emulator.snapshot().accounts[0]?.configurations[0]?.configuration;
    expect(stored?.code_policies).toEqual([
      { id: POLICY_CREDENTIALS, enabled: true, silent: false, blocking: false },
    ]);
  });

  test("a saved plan is gated the same way", async () => {
    const emulator = await startTestEmulator(SEED());
    const dir = await writeTree({ "acme.yaml": UNBLOCKED });
    const env = cliEnv(emulator, KEY);
    await runCli(["plan", dir, "--out", `${dir}/plan.json`], { env });

    const refused = await runCli(["apply", `${dir}/plan.json`], { env });
    expect(refused.code).toBe(3);
    expect(writes(emulator)).toHaveLength(0);
    const applied = await runCli(
      ["apply", `${dir}/plan.json`, "--allow-weakening"],
      { env },
    );
    expect(applied.code).toBe(0);
  });

  test("markdown starts with the security impact", async () => {
    const emulator = await startTestEmulator(SEED());
    const dir = await writeTree({ "acme.yaml": UNBLOCKED });
    const result = await runCli(["plan", dir, "--format", "markdown"], {
      env: cliEnv(emulator, KEY),
    });
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n").slice(0, 9)).toEqual([
      "## dryrun-config plan",
      "",
      "### Security impact",
      "",
      "Of 1 change: **1 weakening** (1 finding below), 0 tightening, 0 neutral.",
      "",
      "Weakening, so apply needs `--allow-weakening`:",
      "",
      '- configuration "backend": code_policies\\["No hardcoded credentials"\\] { enabled = true, silent = false, blocking = true } -&gt; { enabled = true, silent = false, blocking = false }: policy no longer blocking (2 repositories)',
    ]);
  });

  test("JSON carries the impact", async () => {
    const emulator = await startTestEmulator(SEED());
    const dir = await writeTree({ "acme.yaml": UNBLOCKED });
    await runCli(["plan", dir, "--out", `${dir}/plan.json`], {
      env: cliEnv(emulator, KEY),
    });
    const document = JSON.parse(await readFile(`${dir}/plan.json`, "utf8"));
    expect(document.impact).toEqual({
      tightening: 0,
      neutral: 0,
      weakening: 1,
    });
    expect(document.accounts[0].changes[0].impact).toEqual({
      level: "weakening",
      findings: [
        {
          impact: "weakening",
          subject: 'code_policies["No hardcoded credentials"]',
          before: { enabled: true, silent: false, blocking: true },
          after: { enabled: true, silent: false, blocking: false },
          reason: "policy no longer blocking",
          repositories: 2,
        },
      ],
    });
  });

  test("findings name the account when there are several", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const dir = await writeTree({
      "acme.yaml":
        "account: acme\nsettings:\n  prune: true\nconfigurations:\n  - name: baseline\n",
      "labs.yaml": "account: acme-labs\nconfigurations:\n  - name: labs\n",
    });
    const result = await runCli(["plan", dir], {
      env: cliEnv(emulator, ALL_KEY),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '    ! account acme: configuration "legacy-monorepo": configuration deleted (4 repositories)\n',
    );
  });
});
