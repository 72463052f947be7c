import { describe, expect, test } from "vitest";
import { runCli } from "../support/cli.js";
import {
  ACME_KEY,
  cliEnv,
  EXAMPLE_DIR,
  loadExampleSeed,
  startTestEmulator,
  writes,
} from "../support/emulator.js";
import { writeTree } from "../support/workspace.js";

describe("target and exclude", () => {
  test("target plans only the named configurations", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const env = cliEnv(emulator, ACME_KEY);
    const result = await runCli(
      [
        "apply",
        EXAMPLE_DIR,
        "--auto-approve",
        "--target",
        "services",
        "--target",
        "baseline",
      ],
      { env },
    );
    expect(result.code).toBe(0);
    const created = writes(emulator)
      .filter(
        (request) =>
          request.method === "POST" && request.path.endsWith("/configurations"),
      )
      .map(
        (request) =>
          (request.body as { configuration: { name: string } }).configuration
            .name,
      );
    expect(created).toEqual(["services"]);
    expect(writes(emulator)).toHaveLength(3);

    const rest = await runCli(["plan", EXAMPLE_DIR, "--format", "json"], {
      env,
    });
    const remaining = JSON.parse(rest.stdout).accounts[0].changes.map(
      (change: { action: string; configurations: { name: string }[] }) =>
        `${change.action} ${change.configurations[0]?.name}`,
    );
    expect(remaining).toEqual([
      "create backend-strict",
      "create infra-as-code",
    ]);
  });

  test("exclude leaves configurations out", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const result = await runCli(
      ["plan", EXAMPLE_DIR, "--exclude", "baseline", "--format", "json"],
      { env: cliEnv(emulator, ACME_KEY) },
    );
    const changes = JSON.parse(result.stdout).accounts[0].changes;
    expect(
      changes.map(
        (change: { configurations: { name: string }[] }) =>
          change.configurations[0]?.name,
      ),
    ).toEqual(["backend-strict", "infra-as-code", "services"]);
  });

  test("target ignores case", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const result = await runCli(
      ["plan", EXAMPLE_DIR, "--target", "SERVICES", "--format", "json"],
      { env: cliEnv(emulator, ACME_KEY) },
    );
    expect(result.code).toBe(0);
    const changes = JSON.parse(result.stdout).accounts[0].changes as {
      action: string;
      configurations: { name: string }[];
    }[];
    expect(
      changes.map((c) => `${c.action} ${c.configurations[0]?.name}`),
    ).toEqual(["create services"]);
  });

  test("same name targeted and excluded", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const result = await runCli(
      ["plan", EXAMPLE_DIR, "--target", "baseline", "--exclude", "Baseline"],
      { env: cliEnv(emulator, ACME_KEY) },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'error: --target and --exclude both name "baseline"\nhint: leave the configuration out of one of them\n',
    );
    expect(emulator.requests).toHaveLength(0);
  });

  test("selection without changes says so", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const result = await runCli(
      ["plan", EXAMPLE_DIR, "--target", "legacy-monorepo"],
      { env: cliEnv(emulator, ACME_KEY) },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "No changes in the selected configurations.",
    );
    expect(result.stdout).not.toContain("Everything matches the files.");
  });

  test("live name of a renamed configuration selects it", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const env = cliEnv(emulator, ACME_KEY);
    const dir = await writeTree({
      "a.yaml":
        "account: acme\nconfigurations:\n  - name: monorepo\n    previous_names: [legacy-monorepo]\n",
    });
    const excluded = await runCli(
      ["plan", dir, "--exclude", "legacy-monorepo"],
      { env },
    );
    expect(excluded.code).toBe(0);
    expect(excluded.stdout).toContain(
      "No changes in the selected configurations.",
    );
    const targeted = await runCli(
      ["plan", dir, "--target", "LEGACY-MONOREPO"],
      { env },
    );
    expect(targeted.stdout).toContain(
      '  ~ update configuration "monorepo" (id 4a1ec526-9813-4e08-be54-31e969812f07), renamed from "legacy-monorepo"\n',
    );
  });

  test("unknown target name", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const result = await runCli(["plan", EXAMPLE_DIR, "--target", "service"], {
      env: cliEnv(emulator, ACME_KEY),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      'error: --target "service" names no configuration of the files or the account\nhint: did you mean "services"?\n',
    );
  });
});

describe("explain", () => {
  test("pattern claim that wins", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const result = await runCli(["explain", "api-search", EXAMPLE_DIR], {
      env: cliEnv(emulator, ACME_KEY),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Repository api-search \([0-9a-f-]{36}\) in account acme\n/,
    );
    expect(result.stdout).toContain(
      '    include "api-*" of configuration "backend-strict" at examples/dryrun-config/backend.yaml:39: wins\n',
    );
    expect(result.stdout).toContain('  Now:        configuration "baseline"\n');
    expect(result.stdout).toContain(
      '  Files:      configuration "backend-strict"\n',
    );
  });

  test("excluded repository", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const result = await runCli(
      ["explain", "API-ORDERS-SANDBOX", EXAMPLE_DIR],
      {
        env: cliEnv(emulator, ACME_KEY),
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '    include "api-*" of configuration "backend-strict" at examples/dryrun-config/backend.yaml:39: excluded by "*-sandbox" at examples/dryrun-config/backend.yaml:41\n',
    );
    expect(result.stdout).toContain(
      "  Files:      nothing claims it, so it keeps its configuration\n",
    );
  });

  test("unknown repository", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const result = await runCli(["explain", "no-such-repo", EXAMPLE_DIR], {
      env: cliEnv(emulator, ACME_KEY),
    });
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n")[0]).toBe(
      'error: no repository named or with the id "no-such-repo" in the accounts of examples/dryrun-config',
    );
  });
});
