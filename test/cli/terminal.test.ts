import { describe, expect, test } from "vitest";
import { spawn } from "node:child_process";
import path from "node:path";
import { CLI, runCli } from "../support/cli.js";
import {
  ACME_KEY,
  cliEnv,
  EXAMPLE_DIR,
  loadExampleSeed,
  startTestEmulator,
} from "../support/emulator.js";
import { writeTree } from "../support/workspace.js";

const ESCAPE = "\u001b[";

async function plan(env: Record<string, string>, flags: string[] = []) {
  const emulator = await startTestEmulator(await loadExampleSeed());
  return runCli(["plan", EXAMPLE_DIR, ...flags], {
    env: { ...cliEnv(emulator, ACME_KEY), ...env },
  });
}

describe("terminal output", () => {
  test("NO_COLOR leaves no escape codes", async () => {
    const result = await plan({ NO_COLOR: "1", FORCE_COLOR: "1" });
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain(ESCAPE);
    expect(result.stderr).not.toContain(ESCAPE);
  });

  test("--no-color leaves no escape codes", async () => {
    const result = await plan({ FORCE_COLOR: "1", NO_COLOR: "" }, [
      "--no-color",
    ]);
    expect(result.stdout).not.toContain(ESCAPE);
  });

  test("FORCE_COLOR colors the plan", async () => {
    const result = await plan({ FORCE_COLOR: "1", NO_COLOR: "" });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `${ESCAPE}32m  + create configuration "backend-strict" with 28 repositories${ESCAPE}39m`,
    );
  });

  test("no colors off a terminal", async () => {
    const result = await plan({});
    expect(result.stdout).not.toContain(ESCAPE);
  });

  test("progress goes to stderr only", async () => {
    const result = await plan({ DRYRUN_PROGRESS: "always" });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /\r\u001b\[2KReading account acme: \d+ of \d+ pages/,
    );
    expect(result.stderr).toContain("Reading account acme: 5 of 5 pages");
    expect(result.stdout).not.toContain("pages");
    expect(result.stdout).not.toContain("\r");
  });

  test("no progress off a terminal", async () => {
    const result = await plan({});
    expect(result.stderr).not.toContain("pages");
  });

  test("--quiet keeps only results and problems", async () => {
    const result = await plan({ DRYRUN_PROGRESS: "always" }, ["--quiet"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("Plan: 3 to create");
  });

  test("--verbose outweighs --quiet", async () => {
    const result = await plan({}, ["--quiet", "--verbose"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^GET \/v1\/accounts 200 \d+ ms request id [0-9a-f-]{36}\n/,
    );
    expect(result.stderr).not.toContain("Read account");
  });

  test("--quiet keeps config errors", async () => {
    const dir = await writeTree({
      "a.yaml":
        'account: acme\nconfigurations:\n  - name: x\n    risk_threshold: "2"\n',
    });
    const emulator = await startTestEmulator(await loadExampleSeed());
    const result = await runCli(["plan", dir, "--quiet"], {
      env: { ...cliEnv(emulator, ACME_KEY), GITHUB_ACTIONS: "true" },
    });
    const file = path.join(dir, "a.yaml");
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        `::error file=${file},line=4,col=21::configurations[0].risk_threshold: expected an integer, found the string "2"%0Aremove the quotes to write a number`,
        `${file}:4:21: error: configurations[0].risk_threshold: expected an integer, found the string "2"`,
        "  hint: remove the quotes to write a number",
        "error: the config files have 1 error",
        "",
      ].join("\n"),
    );
  });

  test("--quiet keeps plan warnings", async () => {
    const dir = await writeTree({
      "a.yaml":
        'account: acme\nconfigurations:\n  - name: x\n    repositories:\n      include: ["zzz-*"]\n',
    });
    const emulator = await startTestEmulator(await loadExampleSeed());
    const result = await runCli(["plan", dir, "--quiet", "--target", "x"], {
      env: cliEnv(emulator, ACME_KEY),
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      [
        `${path.join(dir, "a.yaml")}:5:17: warning: configuration "x": pattern "zzz-*" matches no repository`,
        "  hint: check the pattern; it must match whole repository names",
        "",
      ].join("\n"),
    );
  });

  test("closed stdout does not stop apply", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const env = { ...cliEnv(emulator, ACME_KEY), PATH: process.env.PATH ?? "" };
    const child = spawn(
      process.execPath,
      [CLI, "apply", EXAMPLE_DIR, "--auto-approve"],
      { env, stdio: ["ignore", "pipe", "pipe"] },
    );
    // The reader goes away before the first line, like `apply | head -0`.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(stderr).not.toContain("EPIPE");
    expect(code).toBe(0);

    const again = await runCli(["plan", EXAMPLE_DIR, "--detailed-exitcode"], {
      env: cliEnv(emulator, ACME_KEY),
    });
    expect(again.stdout).toContain("No changes. Everything matches the files.");
    expect(again.code).toBe(0);
  });
});
