import { describe, expect, test } from "vitest";
import { runCli } from "../support/cli.js";
import {
  EXAMPLE_DIR,
  loadExampleSeed,
  startTestEmulator,
  writes,
} from "../support/emulator.js";
import { writeTree } from "../support/workspace.js";

const WRONG_KEY = "dryrunsec_wrong_canary_5f1e2d3c4b5a";

function lines(text: string): string[] {
  return text.split("\n").filter((line) => line.trim() !== "");
}

describe("API key", () => {
  test("missing key is a one-line error", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const result = await runCli(["plan", EXAMPLE_DIR], {
      env: { DRYRUN_API_URL: emulator.url },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(lines(result.stderr)).toEqual([
      "error: no API key: DRYRUN_API_KEY is not set",
      "hint: set DRYRUN_API_KEY, or pass --api-key-file FILE",
    ]);
    expect(emulator.requests).toHaveLength(0);
  });

  test("wrong key is a one-line error", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const commands = [
      ["plan", EXAMPLE_DIR],
      ["apply", EXAMPLE_DIR, "--auto-approve"],
      ["drift", EXAMPLE_DIR],
    ];
    for (const args of commands) {
      const result = await runCli(args, {
        env: { DRYRUN_API_URL: emulator.url, DRYRUN_API_KEY: WRONG_KEY },
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      const [error, hint, ...rest] = lines(result.stderr);
      expect(error).toMatch(
        /^error: GET \/v1\/accounts failed with 401 Unauthorized: .+ \(request id [0-9a-f-]{36}\)$/,
      );
      expect(hint).toBe(
        "hint: check the API key in DRYRUN_API_KEY or --api-key-file",
      );
      expect(rest).toEqual([]);
      expect(result.stdout + result.stderr).not.toContain(WRONG_KEY);
    }
    expect(writes(emulator)).toHaveLength(0);
  });

  test("key file is read and never printed", async () => {
    const seed = await loadExampleSeed();
    const emulator = await startTestEmulator(seed);
    const key = seed.api_keys[0]?.key ?? "";
    const dir = await writeTree({ "key.txt": `${key}\n` });
    const result = await runCli(
      ["plan", EXAMPLE_DIR, "--api-key-file", `${dir}/key.txt`],
      { env: { DRYRUN_API_URL: emulator.url } },
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Plan: 3 to create, 1 to update");
    expect(result.stdout + result.stderr).not.toContain(key);
  });

  test("empty key file is rejected", async () => {
    const dir = await writeTree({ "key.txt": "\n" });
    const result = await runCli([
      "plan",
      EXAMPLE_DIR,
      "--api-key-file",
      `${dir}/key.txt`,
    ]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      `error: the API key file ${dir}/key.txt is empty`,
      "hint: write the API key into the file",
    ]);
  });

  test("valid key appears in no output", async () => {
    const seed = await loadExampleSeed();
    const emulator = await startTestEmulator(seed);
    const key = seed.api_keys[0]?.key ?? "";
    const env = { DRYRUN_API_URL: emulator.url, DRYRUN_API_KEY: key };
    const outputs = [
      await runCli(["plan", EXAMPLE_DIR], { env }),
      await runCli(["apply", EXAMPLE_DIR, "--auto-approve"], { env }),
      await runCli(["drift", EXAMPLE_DIR], { env }),
      await runCli(["plan", "/nonexistent-config-dir"], { env }),
    ];
    expect(outputs.map((output) => output.code)).toEqual([0, 0, 0, 1]);
    for (const output of outputs) {
      expect(output.stdout + output.stderr).not.toContain(key);
    }
  });
});
