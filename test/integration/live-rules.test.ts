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

describe("plan live rules", () => {
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

  test("errors of every account at once", async () => {
    const emulator = await startTestEmulator(SEED);
    const dir = await writeTree({
      "a.yaml":
        "account: acme\nconfigurations:\n  - name: a\n    analyzers: { sqlj: true }\n",
      "b.yaml": "account: other\nconfigurations:\n  - name: b\n",
    });
    const result = await runCli(["plan", "."], {
      cwd: dir,
      env: cliEnv(emulator, KEY),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      'a.yaml:4:18: error: configuration "a": unknown analyzer "sqlj"',
    );
    expect(result.stderr).toContain(
      'b.yaml:1:10: error: account "other" is not an account this API key can access',
    );
    expect(result.stderr).toContain("error: the config files have 2 errors\n");
  });

  test("exact name matching two repositories", async () => {
    const seed = smallSeed({
      repositories: [{ name: "api-orders" }, { name: "API-Orders" }],
    });
    const emulator = await startTestEmulator(seed);
    const dir = await writeTree({
      "a.yaml":
        "account: acme\nconfigurations:\n  - name: a\n    repositories:\n      names: [api-orders]\n",
    });
    const result = await runCli(["plan", "."], {
      cwd: dir,
      env: cliEnv(emulator, KEY),
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'a.yaml:5:15: warning: configuration "a": name "api-orders" matches 2 repositories: api-orders, API-Orders\n',
    );
  });

  test("prune patterns ignore case", async () => {
    const seed = smallSeed({
      configurations: [{ index: 1, name: "legacy-monorepo" }],
    });
    const emulator = await startTestEmulator(seed);
    const dir = await writeTree({
      "a.yaml": 'account: acme\nsettings:\n  prune: ["LEGACY-*", "tmp-*"]\n',
    });
    const result = await runCli(["plan", "."], {
      cwd: dir,
      env: cliEnv(emulator, KEY),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '  - delete configuration "legacy-monorepo"',
    );
    expect(result.stderr).toContain(
      'a.yaml:3:23: warning: prune pattern "tmp-*" matches no configuration of the account',
    );
  });
});
