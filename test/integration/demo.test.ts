import { describe, expect, test } from "vitest";
import { runCli } from "../support/cli.js";
import { loadExampleSeed } from "../support/emulator.js";

describe("demo", () => {
  test("runs the whole workflow and exits 0", async () => {
    const result = await runCli(["demo"]);
    expect(result.stderr).not.toContain("error");
    expect(result.code).toBe(0);

    const headings = result.stdout
      .split("\n")
      .filter((line) => line.startsWith("=== "))
      .map((line) => line.replace(/127\.0\.0\.1:\d+/, "127.0.0.1:PORT"));
    expect(headings).toEqual([
      "=== The emulator listens on http://127.0.0.1:PORT/v1, seeded from examples/dryrun-config/emulator-seed.json",
      "=== $ dryrun-config plan examples/dryrun-config",
      "=== $ dryrun-config apply examples/dryrun-config --auto-approve",
      "=== $ dryrun-config plan examples/dryrun-config   # again: nothing left to do",
      '=== A dashboard user sets risk_threshold of "backend-strict" to 4 and moves payments-api to "legacy-monorepo"',
      "=== $ dryrun-config drift examples/dryrun-config   # exits 2: the account drifted",
    ]);
    expect(result.stdout).toContain(
      "No changes. Everything matches the files.",
    );
    expect(result.stdout).toContain(
      "risk_threshold: 4 in the account, 2 in the files",
    );
    expect(result.stdout).toContain(
      'repository payments-api: "legacy-monorepo" in the account, "backend-strict" in the files',
    );

    const seed = await loadExampleSeed();
    for (const { key } of seed.api_keys) {
      expect(result.stdout + result.stderr).not.toContain(key);
    }
  });
});
