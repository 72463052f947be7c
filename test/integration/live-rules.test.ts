import { describe, expect, test } from "vitest";
import { runCli } from "../support/cli.js";
import { cliEnv, startTestEmulator } from "../support/emulator.js";
import { KEY, smallSeed } from "../support/seed.js";
import { writeTree } from "../support/workspace.js";

const SEED = smallSeed({
  repositories: [
    { name: "payments-api" },
    { name: "api-orders" },
    { name: "api-users" },
    { name: "web-shop" },
  ],
});

/** Plans `files` against the small seed and returns stderr's lines. */
async function planErrors(files: Record<string, string>) {
  const emulator = await startTestEmulator(SEED);
  const dir = await writeTree(files);
  const result = await runCli(["plan", "."], {
    cwd: dir,
    env: cliEnv(emulator, KEY),
  });
  return {
    code: result.code,
    stdout: result.stdout,
    lines: result.stderr.split("\n").filter((line) => line.trim() !== ""),
  };
}

describe("plan live rules", () => {
  test("unknown repository name suggests close ones", async () => {
    const result = await planErrors({
      "a.yaml":
        "account: acme\nconfigurations:\n  - name: a\n    repositories:\n      names: [payment-api]\n",
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.lines).toContain(
      'a.yaml:5:15: error: configuration "a": no repository is named "payment-api"',
    );
    expect(result.lines).toContain('  hint: did you mean "payments-api"?');
  });

  test("unknown policy and analyzer", async () => {
    const result = await planErrors({
      "a.yaml": [
        "account: acme",
        "configurations:",
        "  - name: a",
        "    analyzers: { sqlj: true }",
        "    code_policies:",
        "      - policy: No hardcoded credential",
        "",
      ].join("\n"),
    });
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      "Reading account acme (11111111-1111-4111-8111-111111111111)",
      'a.yaml:4:18: error: configuration "a": unknown analyzer "sqlj"',
      '  hint: did you mean "sqli"?',
      'a.yaml:6:9: error: configuration "a": no custom policy has the name "No hardcoded credential"',
      '  hint: did you mean "No hardcoded credentials"?',
      "error: the config files have 2 errors (2 errors, 0 warnings)",
    ]);
  });

  test("repository claimed twice names both claims", async () => {
    const result = await planErrors({
      "a.yaml":
        'account: acme\nconfigurations:\n  - name: a\n    repositories: ["api-*"]\n',
      "b.yaml":
        'account: acme\nconfigurations:\n  - name: b\n    repositories: ["*-users", "*-orders"]\n',
    });
    expect(result.code).toBe(1);
    expect(result.lines).toContain(
      'b.yaml:4:31: error: 1 repository is claimed by pattern "api-*" of configuration "a" (a.yaml:4) and pattern "*-orders" of configuration "b" (b.yaml:4): api-orders',
    );
    expect(result.lines).toContain(
      'b.yaml:4:20: error: 1 repository is claimed by pattern "api-*" of configuration "a" (a.yaml:4) and pattern "*-users" of configuration "b" (b.yaml:4): api-users',
    );
  });

  test("exact name beats a pattern", async () => {
    const emulator = await startTestEmulator(SEED);
    const dir = await writeTree({
      "a.yaml":
        'account: acme\nconfigurations:\n  - name: a\n    repositories: ["api-*"]\n  - name: b\n    repositories: [api-users]\n',
    });
    const result = await runCli(["plan", "."], {
      cwd: dir,
      env: cliEnv(emulator, KEY),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'create configuration "a" with 1 repository\n        api-orders',
    );
    expect(result.stdout).toContain(
      'create configuration "b" with 1 repository\n        api-users',
    );
  });

  test("pattern matching nothing is a warning", async () => {
    const result = await planErrors({
      "a.yaml":
        'account: acme\nconfigurations:\n  - name: a\n    repositories: ["svc-*"]\n',
    });
    expect(result.code).toBe(0);
    expect(result.lines).toContain(
      'a.yaml:4:20: warning: configuration "a": pattern "svc-*" matches no repository',
    );
  });

  test("unknown account lists the accessible ones", async () => {
    const result = await planErrors({ "a.yaml": "account: acmee\n" });
    expect(result.code).toBe(1);
    expect(result.lines[0]).toBe(
      'a.yaml:1:10: error: account "acmee" is not among the 1 accounts this API key can access (acme)',
    );
  });
});
