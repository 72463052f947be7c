import { spawn } from "node:child_process";
import { describe, expect, test } from "vitest";
import type { Fault } from "../../src/emulator/index.js";
import { CLI, ROOT, runCli } from "../support/cli.js";
import {
  ACME_KEY,
  ALL_KEY,
  cliEnv,
  EXAMPLE_DIR,
  loadExampleSeed,
  startTestEmulator,
  writes,
} from "../support/emulator.js";
import { KEY, smallSeed } from "../support/seed.js";
import { writeTree } from "../support/workspace.js";

async function exampleEmulator(faults: Fault[], latencyMs = 0) {
  return startTestEmulator(await loadExampleSeed(), { faults, latencyMs });
}

/** Four steps: two creates, one update, one assign. */
const FOUR_STEPS_SEED = () =>
  smallSeed({
    configurations: [
      { index: 1, name: "existing", configuration: { risk_threshold: 1 } },
    ],
    repositories: [{ name: "api-a" }, { name: "svc-b" }],
  });
const FOUR_STEPS = `account: acme
configurations:
  - name: existing
    risk_threshold: 2
    repositories: [api-a]
  - name: first
    risk_threshold: 3
  - name: second
    risk_threshold: 4
    repositories: [svc-b]
`;

/**
 * Starts an emulator with the four-step account whose `from`th create gets
 * `action`, and writes the four-step files.
 */
async function fourStepsWithCreateFault(action: Fault["action"], from = 1) {
  const emulator = await startTestEmulator(FOUR_STEPS_SEED(), {
    faults: [
      { method: "POST", path: "/configurations$", from, count: 1, action },
    ],
  });
  const dir = await writeTree({ "acme.yaml": FOUR_STEPS });
  return { emulator, dir, env: cliEnv(emulator, KEY) };
}

describe("faults during plan and apply", () => {
  test("429 with Retry-After on a list page and a POST", async () => {
    const emulator = await exampleEmulator([
      {
        method: "GET",
        path: "/repositories$",
        from: 2,
        count: 1,
        action: { kind: "status", status: 429, retryAfter: "1" },
      },
      {
        method: "POST",
        path: "/configurations$",
        from: 1,
        count: 1,
        action: { kind: "status", status: 429, retryAfter: "1" },
      },
    ]);
    const env = cliEnv(emulator, ACME_KEY);
    const started = performance.now();
    const result = await runCli(
      ["apply", EXAMPLE_DIR, "--auto-approve", "--allow-weakening"],
      {
        env,
      },
    );
    const elapsed = performance.now() - started;

    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Apply complete: 5 steps done.");
    expect(result.stderr).toMatch(
      /Retrying GET \/v1\/accounts\/[0-9a-f-]+\/repositories after 429 Too Many Requests \(retry 1 of 4\)/,
    );
    expect(result.stderr).toMatch(
      /Retrying POST \/v1\/accounts\/[0-9a-f-]+\/configurations after 429 Too Many Requests \(retry 1 of 4\)/,
    );
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    const created = writes(emulator).filter(
      (request) =>
        request.method === "POST" &&
        request.path.endsWith("/configurations") &&
        request.status === 201,
    );
    expect(created).toHaveLength(3);
    const again = await runCli(["plan", EXAMPLE_DIR, "--detailed-exitcode"], {
      env,
    });
    expect(again.code).toBe(0);
  });

  test("503 burst on page 2 still gives a complete plan", async () => {
    const emulator = await exampleEmulator([
      {
        method: "GET",
        path: "/repositories$",
        from: 2,
        count: 3,
        action: { kind: "status", status: 503 },
      },
    ]);
    const clean = await exampleEmulator([]);
    const faulty = await runCli(["plan", EXAMPLE_DIR, "--format", "json"], {
      env: cliEnv(emulator, ACME_KEY),
    });
    const expected = await runCli(["plan", EXAMPLE_DIR, "--format", "json"], {
      env: cliEnv(clean, ACME_KEY),
    });
    expect(faulty.code).toBe(0);
    const strip = (text: string) => ({ ...JSON.parse(text), api_url: "" });
    expect(strip(faulty.stdout)).toEqual(strip(expected.stdout));
    const pages = emulator.requests.filter((request) =>
      request.path.endsWith("/repositories"),
    );
    expect(
      pages.map((request) => [request.query.page, request.status]),
    ).toEqual([
      ["1", 200],
      ["2", 503],
      ["2", 503],
      ["2", 503],
      ["2", 200],
    ]);
  });

  test("POST that commits and loses its response", async () => {
    const { emulator, dir, env } = await fourStepsWithCreateFault({
      kind: "drop-after-commit",
    });
    const result = await runCli(
      ["apply", dir, "--auto-approve", "--allow-weakening"],
      { env },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /✓ created configuration "first" \(id [0-9a-f-]+\) with 0 repositories; its response was lost, so it was found by name/,
    );
    const names = emulator
      .snapshot()
      .accounts[0]?.configurations.map((c) => c.name);
    expect(names?.filter((name) => name === "first")).toHaveLength(1);
    const posts = writes(emulator).filter(
      (request) =>
        request.method === "POST" && request.path.endsWith("/configurations"),
    );
    expect(
      posts.map(
        (request) =>
          (request.body as { configuration: { name: string } }).configuration
            .name,
      ),
    ).toEqual(["first", "second"]);
    expect(
      (await runCli(["plan", dir, "--detailed-exitcode"], { env })).code,
    ).toBe(0);
  });

  test("500 on the second of four steps", async () => {
    const { emulator, dir, env } = await fourStepsWithCreateFault(
      { kind: "status", status: 500 },
      2,
    );
    const first = await runCli(
      ["apply", dir, "--auto-approve", "--allow-weakening"],
      { env },
    );
    expect(first.code).toBe(1);
    expect(first.stdout).toContain(
      "Apply stopped: 1 done, 1 failed, 2 not attempted.",
    );
    expect(first.stdout).toContain('  ✗ create configuration "second"');
    expect(first.stdout).toContain(
      '  - not attempted: update configuration "existing"',
    );
    expect(first.stdout).toContain(
      '  - not attempted: assign 1 repository to configuration "existing"',
    );
    expect(first.stderr).toMatch(
      /error: create configuration "second" failed: POST \/v1\/accounts\/[0-9a-f-]+\/configurations failed with 500 Internal Server Error: injected fault 1: 500 Internal Server Error \(request id [0-9a-f-]+\)/,
    );

    const rest = await runCli(["plan", dir, "--format", "json"], { env });
    const remaining = JSON.parse(rest.stdout).accounts[0].changes.map(
      (change: { action: string; configurations: { name: string }[] }) =>
        `${change.action} ${change.configurations[0]?.name}`,
    );
    expect(remaining).toEqual([
      "create second",
      "update existing",
      "assign existing",
    ]);

    const second = await runCli(
      ["apply", dir, "--auto-approve", "--allow-weakening"],
      { env },
    );
    expect(second.code).toBe(0);
    const account = emulator.snapshot().accounts[0];
    const settings = Object.fromEntries(
      (account?.configurations ?? []).map((c) => [
        c.name,
        c.configuration.risk_threshold,
      ]),
    );
    expect(settings).toEqual({ existing: 2, first: 3, second: 4 });
    const owners = Object.fromEntries(
      (account?.repositories ?? []).map((repository) => [
        repository.name,
        account?.configurations.find(
          (c) => c.id === repository.configuration_id,
        )?.name,
      ]),
    );
    expect(owners).toEqual({ "api-a": "existing", "svc-b": "second" });
    expect(
      (await runCli(["plan", dir, "--detailed-exitcode"], { env })).code,
    ).toBe(0);
  });

  test("continue on error runs independent steps", async () => {
    const { emulator, dir, env } = await fourStepsWithCreateFault({
      kind: "status",
      status: 422,
    });
    const result = await runCli(
      [
        "apply",
        dir,
        "--auto-approve",
        "--allow-weakening",
        "--continue-on-error",
      ],
      { env },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "Apply finished with errors: 3 done, 1 failed, 0 not attempted.",
    );
    expect(writes(emulator).map((request) => request.status)).toEqual([
      422, 201, 200, 200,
    ]);
  });

  test("SIGINT finishes the request in flight, then stops", async () => {
    const emulator = await startTestEmulator(FOUR_STEPS_SEED(), {
      latencyMs: 400,
    });
    const dir = await writeTree({ "acme.yaml": FOUR_STEPS });
    const env = cliEnv(emulator, KEY);
    const child = spawn(
      process.execPath,
      [CLI, "apply", dir, "--auto-approve", "--allow-weakening"],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? "", ...env },
      },
    );
    let stdout = "";
    let stderr = "";
    let signalled = false;
    child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (!signalled && stdout.includes("✓ created configuration")) {
        signalled = true;
        child.kill("SIGINT");
      }
    });
    const code = await new Promise<number | null>((resolve) =>
      child.on("close", resolve),
    );

    expect(code).toBe(130);
    expect(stderr).toContain(
      "Received SIGINT: the request in flight finishes, then the apply stops.",
    );
    expect(stdout).toMatch(
      /Apply interrupted: [12] done, [23] not attempted\./,
    );
    const done = writes(emulator).length;
    const rest = await runCli(["plan", dir, "--format", "json"], { env });
    expect(JSON.parse(rest.stdout).accounts[0].changes).toHaveLength(4 - done);
  });

  test("DELETE whose response is lost counts as done", async () => {
    const seed = smallSeed({
      configurations: [
        { index: 1, name: "kept" },
        { index: 2, name: "tmp-one" },
      ],
    });
    const emulator = await startTestEmulator(seed, {
      faults: [{ method: "DELETE", action: { kind: "drop-after-commit" } }],
    });
    const dir = await writeTree({
      "a.yaml":
        'account: acme\nsettings:\n  prune: ["tmp-*"]\nconfigurations:\n  - name: kept\n',
    });
    const result = await runCli(
      ["apply", dir, "--auto-approve", "--allow-weakening"],
      {
        env: cliEnv(emulator, KEY),
      },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '✓ deleted configuration "tmp-one"; it was already gone',
    );
    expect(result.stdout).toContain("Apply complete: 1 step done.");
  });

  test("summary names the account of each step", async () => {
    const emulator = await exampleEmulator([
      { method: "PATCH", action: { kind: "status", status: 500 } },
    ]);
    const dir = await writeTree({
      "acme.yaml":
        "account: acme\nconfigurations:\n  - name: baseline\n    risk_threshold: 1\n",
      "labs.yaml": "account: acme-labs\nconfigurations:\n  - name: labs\n",
    });
    const result = await runCli(
      ["apply", dir, "--auto-approve", "--max-retries", "0"],
      { env: cliEnv(emulator, ALL_KEY) },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '  - not attempted: account acme-labs: create configuration "labs"\n',
    );
  });

  test("assign whose response is lost says to plan", async () => {
    const emulator = await startTestEmulator(FOUR_STEPS_SEED(), {
      faults: [
        {
          method: "POST",
          path: "/assign_repositories$",
          action: { kind: "drop-after-commit" },
        },
      ],
    });
    const dir = await writeTree({ "acme.yaml": FOUR_STEPS });
    const result = await runCli(
      ["apply", dir, "--auto-approve", "--allow-weakening"],
      { env: cliEnv(emulator, KEY) },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "hint: the API may have applied the request before the connection closed; run plan to see what remains\n",
    );
  });

  test("failed read-back is a warning", async () => {
    const emulator = await startTestEmulator(FOUR_STEPS_SEED(), {
      faults: [
        {
          method: "GET",
          path: "/configurations$",
          from: 2,
          count: Infinity,
          action: { kind: "status", status: 500 },
        },
      ],
    });
    const dir = await writeTree({ "acme.yaml": FOUR_STEPS });
    const result = await runCli(
      [
        "apply",
        dir,
        "--auto-approve",
        "--allow-weakening",
        "--max-retries",
        "0",
      ],
      { env: cliEnv(emulator, KEY) },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Apply complete: 4 steps done.");
    expect(result.stderr).toMatch(
      /warning: the apply is done, but reading the configurations back failed \(GET .* failed with 500 .*\); run plan to check them/,
    );
  });

  test("create dropped before it was handled has failed", async () => {
    const { emulator, dir, env } = await fourStepsWithCreateFault({
      kind: "drop",
    });
    const result = await runCli(
      ["apply", dir, "--auto-approve", "--allow-weakening"],
      { env },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('  ✗ create configuration "first"');
    expect(result.stdout).toContain(
      "Apply stopped: 0 done, 1 failed, 3 not attempted.",
    );
    expect(
      emulator.snapshot().accounts[0]?.configurations.map((c) => c.name),
    ).toEqual(["existing"]);
  });
});
