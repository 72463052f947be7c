import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import type { SeedFile } from "../../src/emulator/index.js";
import { ROOT, runCli } from "../support/cli.js";
import { cliEnv, startTestEmulator } from "../support/emulator.js";

/**
 * Each folder under test/fixtures/validate and test/fixtures/plan is named
 * after the problem it triggers, and its expected.txt holds the exit code
 * on its first line (`# exit N`) and the exact output after it.
 */
const FIXTURES = path.join(ROOT, "test", "fixtures");

function fixtures(stage: string): string[] {
  return readdirSync(path.join(FIXTURES, stage)).sort();
}

function expected(stage: string, name: string) {
  const text = readFileSync(
    path.join(FIXTURES, stage, name, "expected.txt"),
    "utf8",
  );
  const [first, ...rest] = text.split("\n");
  const code = Number(/^# exit (\d)$/.exec(first ?? "")?.[1]);
  return { code, output: rest.join("\n") };
}

const KEY = "dryrunsec_fixtures_0123456789";
const ACME = "aaaaaaaa-0000-4000-8000-000000000001";
const CREATED = "2026-01-01T00:00:00Z";

function account(id: string, name: string) {
  return {
    account_id: id,
    org_name: name,
    org_id: `org-${id.slice(-4)}`,
    provider_type: "github",
    active: true,
    created_at: CREATED,
    analyzers: [
      { slug: "sqli", name: "SQL Injection Analyzer" },
      { slug: "ssrf", name: "Server-Side Request Forgery Analyzer" },
      { slug: "xss", name: "Cross-Site Scripting Analyzer" },
    ],
    custom_policies: [] as { id: string; name: string }[],
    configurations: [],
    repositories: [] as object[],
  };
}

/** The live side of the plan fixtures: acme, and two accounts named twins. */
function fixtureSeed(): SeedFile {
  const acme = account(ACME, "acme");
  acme.custom_policies = [
    {
      id: "bbbbbbbb-0000-4000-8000-000000000001",
      name: "No hardcoded credentials",
    },
    { id: "bbbbbbbb-0000-4000-8000-000000000002", name: "No PII in logs" },
    {
      id: "bbbbbbbb-0000-4000-8000-000000000003",
      name: "Pin third-party actions",
    },
    {
      id: "bbbbbbbb-0000-4000-8000-000000000004",
      name: "Pin third-party actions",
    },
  ];
  const names = [
    "payments-api",
    "payments-worker",
    "api-orders",
    "api-orders-sandbox",
    "api-users",
    "web-shop",
  ];
  acme.repositories = names.map((name, index) => ({
    id: `cccccccc-0000-4000-8000-00000000000${index + 1}`,
    name,
    provider_repo_id: String(100 + index),
    configuration_id: null,
    enabled: true,
    created_at: CREATED,
  }));
  const twins = [
    account("aaaaaaaa-0000-4000-8000-000000000002", "twins"),
    account("aaaaaaaa-0000-4000-8000-000000000003", "twins"),
  ];
  return {
    api_keys: [
      { key: KEY, accounts: [ACME, ...twins.map((twin) => twin.account_id)] },
    ],
    accounts: [acme, ...twins],
  } as SeedFile;
}

describe("validate fixtures", () => {
  test.each(fixtures("validate"))("%s", async (name) => {
    const cwd = path.join(FIXTURES, "validate", name);
    const result = await runCli(["validate", "."], { cwd });
    const wanted = expected("validate", name);
    expect(result.stdout).toBe(wanted.output);
    expect(result.code).toBe(wanted.code);
  });
});

describe("plan fixtures", () => {
  test.each(fixtures("plan"))("%s", async (name) => {
    const emulator = await startTestEmulator(fixtureSeed());
    const cwd = path.join(FIXTURES, "plan", name);
    const result = await runCli(["plan", "."], {
      cwd,
      env: cliEnv(emulator, KEY),
    });
    const problems = result.stderr
      .split("\n")
      .filter((line) => !/^Read(ing)? account/.test(line))
      .join("\n");
    const wanted = expected("plan", name);
    expect(problems).toBe(wanted.output);
    expect(result.code).toBe(wanted.code);
  });
});
