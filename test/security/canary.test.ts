import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { runCli, type CliResult } from "../support/cli.js";
import {
  EXAMPLE_DIR,
  loadExampleSeed,
  startTestEmulator,
} from "../support/emulator.js";
import { writeTree } from "../support/workspace.js";

const CANARY = "dryrunsec_CANARY_7f3e9a1c5b2d8e4f";

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe("canary key", () => {
  test("appears in no output and no written file", async () => {
    const seed = await loadExampleSeed();
    seed.api_keys = [
      { key: CANARY, accounts: seed.accounts.map((a) => a.account_id) },
    ];
    const emulator = await startTestEmulator(seed);
    const work = await writeTree({});
    const env = { DRYRUN_API_URL: emulator.url, DRYRUN_API_KEY: CANARY };
    const keyFile = await writeTree({ key: `${CANARY}\n` });

    const runs: CliResult[] = [
      await runCli(["validate", EXAMPLE_DIR], { env }),
      await runCli(["plan", EXAMPLE_DIR, "--verbose"], { env }),
      await runCli(["plan", EXAMPLE_DIR, "--format", "json"], { env }),
      await runCli(
        [
          "plan",
          EXAMPLE_DIR,
          "--format",
          "markdown",
          "--out",
          `${work}/plan.json`,
        ],
        { env },
      ),
      await runCli(["apply", `${work}/plan.json`, "--verbose"], { env }),
      await runCli(["drift", EXAMPLE_DIR, "--format", "json"], { env }),
      await runCli(["explain", "payments-api", EXAMPLE_DIR], { env }),
      await runCli(["list", "repositories", "--account", "acme"], { env }),
      await runCli(["list", "accounts", "--format", "json"], { env }),
      await runCli(
        [
          "export",
          "--account",
          "acme",
          "--out",
          `${work}/export`,
          "--emulator-seed",
          `${work}/seed.json`,
        ],
        { env },
      ),
      await runCli(["plan", EXAMPLE_DIR, "--api-key-file", `${keyFile}/key`], {
        env: { DRYRUN_API_URL: emulator.url },
      }),
      await runCli(["plan", EXAMPLE_DIR], {
        env: { ...env, DRYRUN_API_URL: "http://127.0.0.1:1/v1" },
      }),
      await runCli(["plan", EXAMPLE_DIR], {
        env: {
          ...env,
          DRYRUN_API_URL: `https://user:${CANARY}@example.invalid/v1`,
        },
      }),
      await runCli(["list", "widgets"], { env }),
    ];
    expect(runs.map((run) => run.code)).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1,
    ]);
    for (const run of runs) {
      expect(run.stdout).not.toContain(CANARY);
      expect(run.stderr).not.toContain(CANARY);
    }

    const written = await filesUnder(work);
    expect(written.length).toBeGreaterThan(3);
    for (const file of written) {
      expect((await stat(file)).isFile()).toBe(true);
      expect(await readFile(file, "utf8")).not.toContain(CANARY);
    }
  });
});
