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

function lines(text: string): string[] {
  return text.split("\n").filter((line) => line !== "");
}

describe("command line", () => {
  test("unknown option stops before any request", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const result = await runCli(
      ["apply", EXAMPLE_DIR, "--auto-approve", "--dry-run"],
      { env: cliEnv(emulator, ACME_KEY) },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(lines(result.stderr)).toEqual([
      "error: unknown option --dry-run",
      "hint: run dryrun-config --help to see the commands and options",
    ]);
    expect(emulator.requests).toHaveLength(0);
  });

  test("misspelled option of plan", async () => {
    const result = await runCli(["plan", EXAMPLE_DIR, "--detailed-exit-code"]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)[0]).toBe(
      "error: unknown option --detailed-exit-code",
    );
  });

  test("unknown command suggests one", async () => {
    const result = await runCli(["plna"]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      'error: unknown command "plna"',
      'hint: did you mean "plan"?',
    ]);
  });

  test("invalid choice lists the choices", async () => {
    const result = await runCli(["plan", EXAMPLE_DIR, "--format", "xml"]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)[0]).toBe(
      'error: invalid --format "xml"; choose one of text, markdown, json',
    );
  });

  test("missing argument names the command", async () => {
    const result = await runCli(["explain"]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      "error: explain is missing an argument",
      "hint: run dryrun-config explain --help to see its arguments",
    ]);
  });

  test("no command", async () => {
    const result = await runCli([]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)[0]).toBe("error: no command given");
  });

  test.each([
    [
      ["--concurrency", "0"],
      "--concurrency must be a whole number from 1 to 64, got 0",
    ],
    [
      ["--concurrency", "1.5"],
      "--concurrency must be a whole number from 1 to 64, got 1.5",
    ],
    [
      ["--timeout", "0"],
      "--timeout must be more than 0 and at most 3600 seconds, got 0",
    ],
    [
      ["--concurrency", "abc"],
      "--concurrency must be a whole number from 1 to 64, got a value that is not a number",
    ],
    [
      ["--concurrency", "4", "--concurrency", "5"],
      "--concurrency is given 2 times",
    ],
    [["--timeout", "1", "--timeout", "2"], "--timeout is given 2 times"],
  ])("bad value %j", async (flags, message) => {
    const result = await runCli(["plan", EXAMPLE_DIR, ...flags]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)[0]).toBe(`error: ${message}`);
    expect(result.stderr).not.toContain("internal error");
  });

  test.each([
    [["plan", EXAMPLE_DIR, "--out"], "--out"],
    [["plan", EXAMPLE_DIR, "--target"], "--target"],
    [["validate", EXAMPLE_DIR, "--format"], "--format"],
    [["plan", EXAMPLE_DIR, "--concurrency"], "--concurrency"],
    [["plan", EXAMPLE_DIR, "--api-key-file"], "--api-key-file"],
    [["export", "--account"], "--account"],
    [["emulator", "--seed"], "--seed"],
    [["plan", EXAMPLE_DIR, "--out="], "--out"],
    [["plan", EXAMPLE_DIR, "--timeout", ""], "--timeout"],
  ])("option without a value %j", async (words, flag) => {
    const result = await runCli(words);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(lines(result.stderr)).toEqual([
      `error: ${flag} needs a value`,
      `hint: write ${flag} VALUE, or leave the option out`,
    ]);
  });

  test.each([
    [["plan", EXAMPLE_DIR, "--out", "a.json", "--out", "b.json"], "--out"],
    [
      ["validate", EXAMPLE_DIR, "--format", "json", "--format", "text"],
      "--format",
    ],
    [["list", "accounts", "--account", "a", "--account", "b"], "--account"],
    [["emulator", "--host", "127.0.0.1", "--host", "::1"], "--host"],
    [["plan", EXAMPLE_DIR, "-q", "--quiet"], "--quiet"],
  ])("option given twice %j", async (words, flag) => {
    const result = await runCli(words);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(lines(result.stderr)).toEqual([
      `error: ${flag} is given 2 times`,
      `hint: give ${flag} once`,
    ]);
  });

  test("emulator on a port in use", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const port = new URL(emulator.url).port;
    const result = await runCli(["emulator", "--port", port]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      `error: cannot start the emulator: cannot listen on 127.0.0.1:${port}: the address is in use`,
      "hint: choose another --port, or --port 0 for a free one",
    ]);
  });

  test("emulator state file in a missing folder", async () => {
    const dir = await writeTree({});
    const state = `${dir}/missing/state.json`;
    const result = await runCli(["emulator", "--port", "0", "--state", state]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      `error: cannot start the emulator: cannot write the state file ${state} (ENOENT)`,
      "hint: check that its folder exists and is writable",
    ]);
  });

  test("emulator on a port that fetch refuses", async () => {
    const result = await runCli(["emulator", "--port", "6000"]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      "error: --port 6000 is a port that fetch clients, this tool included, refuse to connect to",
      "hint: choose another port, or --port 0 for a free one",
    ]);
  });

  test("emulator port out of range", async () => {
    const result = await runCli(["emulator", "--port", "99999"]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)[0]).toBe(
      "error: --port must be a whole number from 0 to 65535, got 99999",
    );
  });

  test("empty API URL is rejected", async () => {
    const result = await runCli(["plan", EXAMPLE_DIR], {
      env: { DRYRUN_API_URL: "", DRYRUN_API_KEY: ACME_KEY },
    });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)[0]).toBe(
      "error: the API URL from DRYRUN_API_URL is empty",
    );
  });

  test("key with a line break is rejected unprinted", async () => {
    const dir = await writeTree({
      "key.txt": "dryrunsec_first\ndryrunsec_second\n",
    });
    const result = await runCli([
      "plan",
      EXAMPLE_DIR,
      "--api-key-file",
      `${dir}/key.txt`,
    ]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      `error: the API key in the API key file ${dir}/key.txt contains spaces, line breaks or non-ASCII characters`,
      "hint: write only the key, one word of printable ASCII such as dryrunsec_...",
    ]);
    expect(result.stderr).not.toContain("dryrunsec_first");
  });

  test("key file that is a folder", async () => {
    const dir = await writeTree({});
    const result = await runCli(["plan", EXAMPLE_DIR, "--api-key-file", dir]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      `error: the API key file ${dir} is not a file`,
      "hint: pass the file that contains the API key",
    ]);
  });

  test("empty key variable", async () => {
    const result = await runCli(["plan", EXAMPLE_DIR], {
      env: { DRYRUN_API_KEY: "" },
    });
    expect(lines(result.stderr)[0]).toBe(
      "error: no API key: DRYRUN_API_KEY is empty",
    );
  });

  test("folder without config files", async () => {
    const dir = await writeTree({ "README.md": "# not config\n" });
    for (const command of ["validate", "plan", "drift"]) {
      const result = await runCli([command, dir], {
        env: {
          DRYRUN_API_KEY: ACME_KEY,
          DRYRUN_API_URL: "http://127.0.0.1:4/v1",
        },
      });
      expect(result.code).toBe(1);
      expect(lines(result.stderr)[0]).toBe(
        `error: no config files (*.yaml, *.yml) in ${dir}`,
      );
    }
  });

  test("files that declare no account", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const dir = await writeTree({ "a.yaml": "# empty for now\n" });
    const result = await runCli(["drift", dir], {
      env: cliEnv(emulator, ACME_KEY),
    });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)[0]).toBe(
      `error: the files in ${dir} declare no account`,
    );
    expect(result.stdout).toBe("");
  });

  test("binary file is not read as YAML", async () => {
    const dir = await writeTree({ "a.yaml": "account: acme\n" });
    const { writeFile } = await import("node:fs/promises");
    await writeFile(
      `${dir}/b.yaml`,
      Buffer.from([0xff, 0xfe, 0x00, 0x61, 0x00]),
    );
    const result = await runCli(["validate", "."], { cwd: dir });
    expect(result.code).toBe(1);
    expect(lines(result.stdout)).toEqual([
      "b.yaml:1:1: error: the file is not UTF-8 text",
      "  hint: save it as UTF-8, or remove it if it is not a config file",
      "2 files checked: 1 error, 0 warnings.",
    ]);
  });

  test("account named two ways", async () => {
    const seed = await loadExampleSeed();
    const emulator = await startTestEmulator(seed);
    const accountId = seed.accounts[0]?.account_id ?? "";
    const dir = await writeTree({
      "a.yaml": "account: acme\nconfigurations:\n  - name: one\n",
      "b.yaml": `account: ${accountId}\nsettings:\n  prune: true\nconfigurations:\n  - name: two\n`,
    });
    const result = await runCli(["apply", ".", "--auto-approve"], {
      cwd: dir,
      env: cliEnv(emulator, ACME_KEY),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `b.yaml:1:10: error: account "${accountId}" is the account named "acme" at a.yaml:1`,
    );
    expect(writes(emulator)).toHaveLength(0);
  });

  test("control characters in names are escaped", async () => {
    const seed = await loadExampleSeed();
    const account = seed.accounts[0];
    if (account === undefined)
      throw new Error("the example seed has no account");
    account.repositories.push({
      id: "99999999-0000-4000-8000-000000000001",
      name: "api-evil-\u001b[31mred\u202e",
      provider_repo_id: "1",
      configuration_id: null,
      enabled: true,
      created_at: "2026-01-01T00:00:00Z",
    });
    account.configurations.push({
      id: "99999999-0000-4000-8000-000000000002",
      name: "temp\n::error title=Drift::all good",
      configuration: {},
    } as (typeof account.configurations)[number]);
    const emulator = await startTestEmulator(seed);
    const result = await runCli(["plan", EXAMPLE_DIR], {
      env: cliEnv(emulator, ACME_KEY),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "temp\\u000a::error title=Drift::all good (id ",
    );
    expect(result.stdout).not.toMatch(/^::error/m);
    expect(result.stdout).toContain("api-evil-\\u001b[31mred\\u202e");
    expect(result.stdout).not.toContain("\u001b");
    expect(result.stdout).not.toContain("\u202e");
  });

  test("environment number that is not one", async () => {
    const result = await runCli(["plan", EXAMPLE_DIR], {
      env: { DRYRUN_MAX_RETRIES: "abc", DRYRUN_API_KEY: ACME_KEY },
    });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)[0]).toBe(
      'error: DRYRUN_MAX_RETRIES must be a whole number from 0 to 20, got "abc"',
    );
  });

  test("--target that swallowed the folder", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const result = await runCli(["plan", "--target", "baseline", EXAMPLE_DIR], {
      env: cliEnv(emulator, ACME_KEY),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: --target "${EXAMPLE_DIR}" names a folder, and no config folder was given\n` +
        `hint: ${EXAMPLE_DIR} is a path, not a configuration: put DIR before --target, or write --target=NAME\n`,
    );
    expect(emulator.requests).toEqual([]);
  });
});
