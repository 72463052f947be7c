import { describe, expect, test } from "vitest";
import { runCli } from "../support/cli.js";
import {
  ACME_KEY,
  ALL_KEY,
  cliEnv,
  loadExampleSeed,
  startTestEmulator,
} from "../support/emulator.js";

async function list(args: string[], key = ALL_KEY) {
  const emulator = await startTestEmulator(await loadExampleSeed());
  return runCli(["list", ...args], { env: cliEnv(emulator, key) });
}

describe("list", () => {
  test("accounts as a table", async () => {
    const result = await list(["accounts"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      [
        "NAME       ID                                    PROVIDER  ACTIVE",
        "acme       5c8c638d-deb1-46eb-9141-00305fbfdfaf  github    true",
        "acme-labs  c5e34e1d-5c22-4de0-b781-e09d4b5c5df5  github    true",
        "",
      ].join("\n"),
    );
  });

  test("repositories across pages as JSON", async () => {
    const seed = await loadExampleSeed();
    const result = await list([
      "repositories",
      "--account",
      "acme",
      "--format",
      "json",
    ]);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as {
      id: string;
      configuration_name: string | null;
    }[];
    expect(rows.map((row) => row.id)).toEqual(
      seed.accounts[0]?.repositories.map((repository) => repository.id),
    );
    expect(
      rows.filter((row) => row.configuration_name === "legacy-monorepo"),
    ).toHaveLength(4);
  });

  test("the only account needs no --account", async () => {
    const result = await list(["policies"], ACME_KEY);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toMatch(/^NAME\s+ID$/);
    expect(result.stdout).toContain("No hardcoded credentials");
  });

  test("several accounts need --account", async () => {
    const result = await list(["analyzers"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        "error: this API key can access 2 accounts, so --account is needed",
        "hint: pass --account with one of: acme, acme-labs",
        "",
      ].join("\n"),
    );
  });

  test("findings of a repository", async () => {
    const result = await list([
      "findings",
      "--account",
      "acme",
      "--repository",
      "payments-api",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toMatch(
      /^SEVERITY\s+TYPE\s+FILE\s+CREATED$/,
    );
    expect(result.stdout).toContain("SQL Injection in Refund Lookup");
  });

  test("repository name without case", async () => {
    const exact = await list([
      "findings",
      "--account",
      "acme",
      "--repository",
      "payments-api",
    ]);
    const upper = await list([
      "findings",
      "--account",
      "acme",
      "--repository",
      "PAYMENTS-API",
    ]);
    expect(upper.code).toBe(0);
    expect(upper.stdout).toBe(exact.stdout);
  });

  test.each([
    [
      ["accounts", "--account", "acme"],
      "error: --account does not apply to list accounts\nhint: leave it out: the list shows every account the key can access\n",
    ],
    [
      ["repositories", "--account", "acme", "--repository", "payments-api"],
      "error: --repository applies to list findings and list scans, not list repositories\nhint: leave it out\n",
    ],
  ])("option that does not apply %j", async (args, stderr) => {
    const result = await list(args);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(stderr);
  });

  test("scans need a repository", async () => {
    const result = await list(["scans", "--account", "acme"]);
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n")[0]).toBe(
      "error: list scans needs --repository NAME",
    );
  });

  test("unknown repository suggests one", async () => {
    const result = await list([
      "scans",
      "--account",
      "acme",
      "--repository",
      "payment-api",
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: no repository is named "payment-api"\nhint: did you mean "payments-api"?\n',
    );
  });

  test("unknown kind", async () => {
    const result = await runCli(["list", "widgets"]);
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n")[0]).toBe(
      'error: invalid kind "widgets"; choose one of accounts, repositories, configurations, analyzers, policies, findings, scans',
    );
  });
});
