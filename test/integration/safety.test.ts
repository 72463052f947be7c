import { describe, expect, test } from "vitest";
import { runCli } from "../support/cli.js";
import { cliEnv, startTestEmulator, writes } from "../support/emulator.js";
import { KEY, smallSeed } from "../support/seed.js";
import { writeTree } from "../support/workspace.js";

/** An account with `count` configurations named c1, c2, … */
function seedWithConfigurations(count: number) {
  return smallSeed({
    configurations: Array.from({ length: count }, (_, index) => ({
      index: index + 1,
      name: `c${index + 1}`,
    })),
  });
}

function keepConfigurations(names: string[]): string {
  const list = names.map((name) => `  - name: ${name}\n`).join("");
  return `account: acme\nsettings:\n  prune: true\nconfigurations:\n${list}`;
}

describe("safety thresholds", () => {
  test("prune list in a large account is still checked", async () => {
    const emulator = await startTestEmulator(seedWithConfigurations(20));
    const dir = await writeTree({
      "a.yaml":
        'account: acme\nsettings:\n  prune: ["c1[3-9]"]\nconfigurations:\n  - name: c1\n  - name: c2\n',
    });
    const rejected = await runCli(
      ["apply", dir, "--auto-approve", "--allow-weakening"],
      { env: cliEnv(emulator, KEY) },
    );
    expect(rejected.code).toBe(3);
    expect(rejected.stderr).toContain(
      "error: account acme: 7 deletes is 77.8% of 9 managed configurations, over the limit of 30%\n",
    );
    expect(writes(emulator)).toHaveLength(0);
  });

  test("deletes over the limit need --force", async () => {
    const emulator = await startTestEmulator(seedWithConfigurations(20));
    const kept = Array.from({ length: 13 }, (_, index) => `c${index + 1}`);
    const dir = await writeTree({ "a.yaml": keepConfigurations(kept) });
    const env = cliEnv(emulator, KEY);

    const rejected = await runCli(
      ["apply", dir, "--auto-approve", "--allow-weakening"],
      { env },
    );
    expect(rejected.code).toBe(3);
    expect(rejected.stderr).toContain(
      "error: account acme: 7 deletes is 35% of 20 managed configurations, over the limit of 30%\n",
    );
    expect(rejected.stderr).toContain(
      "hint: review the plan, then pass --force to apply it anyway\n",
    );
    expect(writes(emulator)).toHaveLength(0);

    const forced = await runCli(
      ["apply", dir, "--auto-approve", "--allow-weakening", "--force"],
      {
        env,
      },
    );
    expect(forced.code).toBe(0);
    expect(writes(emulator).map((request) => request.method)).toEqual(
      Array.from({ length: 7 }, () => "DELETE"),
    );
  });

  test("deletes at the limit pass", async () => {
    const emulator = await startTestEmulator(seedWithConfigurations(10));
    const kept = Array.from({ length: 7 }, (_, index) => `c${index + 1}`);
    const dir = await writeTree({ "a.yaml": keepConfigurations(kept) });
    const result = await runCli(
      ["apply", dir, "--auto-approve", "--allow-weakening"],
      {
        env: cliEnv(emulator, KEY),
      },
    );
    expect(result.code).toBe(0);
    expect(writes(emulator)).toHaveLength(3);
  });

  test("fewer than 10 objects are exempt", async () => {
    const emulator = await startTestEmulator(seedWithConfigurations(9));
    const dir = await writeTree({ "a.yaml": keepConfigurations(["c1"]) });
    const result = await runCli(
      ["apply", dir, "--auto-approve", "--allow-weakening"],
      {
        env: cliEnv(emulator, KEY),
      },
    );
    expect(result.code).toBe(0);
    expect(writes(emulator)).toHaveLength(8);
  });

  test("repository moves over the limit", async () => {
    const seed = smallSeed({
      configurations: [
        { index: 1, name: "old" },
        { index: 2, name: "new" },
      ],
      repositories: Array.from({ length: 10 }, (_, index) => ({
        name: `svc-${index}`,
        configuration: index < 4 ? 1 : undefined,
      })),
    });
    const emulator = await startTestEmulator(seed);
    const dir = await writeTree({
      "a.yaml":
        'account: acme\nconfigurations:\n  - name: new\n    repositories: ["svc-*"]\n',
    });
    const result = await runCli(
      ["apply", dir, "--auto-approve", "--allow-weakening"],
      {
        env: cliEnv(emulator, KEY),
      },
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(
      "error: account acme: 4 repository moves is 40% of 10 repositories, over the limit of 30%\n",
    );
    expect(writes(emulator)).toHaveLength(0);
  });

  test("plan warns but exits as usual", async () => {
    const emulator = await startTestEmulator(seedWithConfigurations(20));
    const dir = await writeTree({ "a.yaml": keepConfigurations(["c1"]) });
    const result = await runCli(["plan", dir, "--format", "markdown"], {
      env: cliEnv(emulator, KEY),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "> **Warning:** 19 deletes is 95% of 20 managed configurations, over the limit of 30%; apply needs --force.",
    );
  });
});

describe("bulk updates", () => {
  test("five identical changes share one request", async () => {
    const names = ["a", "b", "c", "d", "e"];
    const seed = smallSeed({
      configurations: names.map((name, index) => ({
        index: index + 1,
        name,
        configuration: { risk_threshold: 1, comment: `own ${name}` },
      })),
    });
    const emulator = await startTestEmulator(seed);
    const list = names.map(
      (name) => `  - name: ${name}\n    risk_threshold: 3\n`,
    );
    const dir = await writeTree({
      "a.yaml": `account: acme\nconfigurations:\n${list.join("")}`,
    });
    const env = cliEnv(emulator, KEY);
    const result = await runCli(
      ["apply", dir, "--auto-approve", "--allow-weakening"],
      { env },
    );
    expect(result.code).toBe(0);
    expect(writes(emulator)).toHaveLength(1);
    const [request] = writes(emulator);
    expect(request?.path).toBe(
      "/v1/accounts/11111111-1111-4111-8111-111111111111/configurations/bulk_update",
    );
    expect(request?.body).toEqual({
      configuration_ids: seed.accounts[0]?.configurations.map((c) => c.id),
      updates: { risk_threshold: 3 },
    });
    const comments = emulator
      .snapshot()
      .accounts[0]?.configurations.map((c) => [
        c.configuration.risk_threshold,
        c.configuration.comment,
      ]);
    expect(comments).toEqual(names.map((name) => [3, `own ${name}`]));
    expect(
      (await runCli(["plan", dir, "--detailed-exitcode"], { env })).code,
    ).toBe(0);
  });

  test("text plan warns about the thresholds", async () => {
    const emulator = await startTestEmulator(seedWithConfigurations(20));
    const dir = await writeTree({ "a.yaml": keepConfigurations(["c1"]) });
    const result = await runCli(["plan", dir], { env: cliEnv(emulator, KEY) });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "Warning: account acme: 19 deletes is 95% of 20 managed configurations, over the limit of 30%; apply needs --force.\n",
    );
  });
});
