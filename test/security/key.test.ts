import { chmod } from "node:fs/promises";
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

describe("API key handling", () => {
  test("key file readable by others is warned about", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const dir = await writeTree({ key: `${ACME_KEY}\n` });
    await chmod(`${dir}/key`, 0o644);
    const result = await runCli(
      ["plan", EXAMPLE_DIR, "--api-key-file", `${dir}/key`],
      {
        env: { DRYRUN_API_URL: emulator.url },
      },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `warning: the API key file ${dir}/key can be read by other users (mode 644); run chmod 600 ${dir}/key\n`,
    );
    expect(result.stdout + result.stderr).not.toContain(ACME_KEY);
  });

  test("private key file gets no warning", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const dir = await writeTree({ key: `${ACME_KEY}\n` });
    await chmod(`${dir}/key`, 0o600);
    const result = await runCli(
      ["plan", EXAMPLE_DIR, "--api-key-file", `${dir}/key`],
      {
        env: { DRYRUN_API_URL: emulator.url },
      },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain("warning");
  });

  test("key echoed into arguments is redacted", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const result = await runCli(["plan", `/nonexistent/${ACME_KEY}`], {
      env: cliEnv(emulator, ACME_KEY),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("/nonexistent/[REDACTED]");
    expect(result.stderr).not.toContain(ACME_KEY);
  });

  test("verbose logs requests without headers", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const result = await runCli(["plan", EXAMPLE_DIR, "--verbose"], {
      env: cliEnv(emulator, ACME_KEY),
    });
    expect(result.code).toBe(0);
    const requestLines = result.stderr
      .split("\n")
      .filter((line) => line.startsWith("GET "));
    expect(requestLines.length).toBe(
      emulator.requests.filter((request) => request.method === "GET").length,
    );
    for (const line of requestLines) {
      expect(line).toMatch(
        /^GET \/v1\/\S+ 200 \d+ ms request id [0-9a-f-]{36}$/,
      );
    }
    expect(result.stderr.toLowerCase()).not.toContain("authorization");
    expect(result.stderr).not.toContain("Bearer");
  });
});
