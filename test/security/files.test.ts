import { readFile, stat, writeFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { runCli } from "../support/cli.js";
import {
  ACME_KEY,
  cliEnv,
  EXAMPLE_DIR,
  loadExampleSeed,
  startTestEmulator,
} from "../support/emulator.js";
import { writeTree } from "../support/workspace.js";

describe("files the tool reads and writes", () => {
  test("plan file is private and never replaced silently", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const env = cliEnv(emulator, ACME_KEY);
    const dir = await writeTree({});
    const file = `${dir}/plan.json`;
    await writeFile(file, "keep me");
    const refused = await runCli(["plan", EXAMPLE_DIR, "--out", file], { env });
    expect(refused.code).toBe(1);
    expect(await readFile(file, "utf8")).toBe("keep me");

    const forced = await runCli(
      ["plan", EXAMPLE_DIR, "--out", file, "--force"],
      { env },
    );
    expect(forced.code).toBe(0);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  test("emulator state file is private", async () => {
    const dir = await writeTree({});
    const { spawn } = await import("node:child_process");
    const { CLI } = await import("../support/cli.js");
    const child = spawn(process.execPath, [
      CLI,
      "emulator",
      "--port",
      "0",
      "--state",
      `${dir}/state.json`,
    ]);
    const url = await new Promise<string>((resolve) =>
      child.stdout
        .setEncoding("utf8")
        .once("data", (line: string) => resolve(line.trim())),
    );
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("close", resolve));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect((await stat(`${dir}/state.json`)).mode & 0o777).toBe(0o600);
  });

  test("an alias bomb is rejected, not expanded", async () => {
    const levels = Array.from({ length: 9 }, (_, level) => {
      const previous = level === 0 ? '"lol"' : `*l${level - 1}`;
      return `l${level}: &l${level} [${Array(9).fill(previous).join(", ")}]`;
    });
    const dir = await writeTree({
      "bomb.yaml": `account: acme\nbomb:\n  ${levels.join("\n  ")}\n`,
    });
    const result = await runCli(["validate", "."], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "bomb.yaml:1:1: error: the file's YAML aliases expand to too many values (Excessive alias count indicates a resource exhaustion attack)",
    );
  });
});
