import { describe, expect, test } from "vitest";
import { runCli } from "../support/cli.js";
import {
  ACME_KEY,
  loadExampleSeed,
  startTestEmulator,
} from "../support/emulator.js";

const LABS = "c5e34e1d-5c22-4de0-b781-e09d4b5c5df5";

describe("emulator", () => {
  test("refuses a host that is not loopback", async () => {
    const result = await runCli([
      "emulator",
      "--host",
      "0.0.0.0",
      "--port",
      "0",
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n")[0]).toBe(
      "error: --host 0.0.0.0 is not a loopback address",
    );
  });

  test("an account outside the key's scope does not exist", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const response = await fetch(
      `${emulator.url}/accounts/${LABS}/repositories`,
      {
        headers: { authorization: `Bearer ${ACME_KEY}` },
      },
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "account not found" });
  });

  test("a body over 1 MiB is refused", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const seed = await loadExampleSeed();
    const response = await fetch(
      `${emulator.url}/accounts/${seed.accounts[0]?.account_id}/configurations`,
      {
        method: "POST",
        headers: {
          authorization: `Bearer ${ACME_KEY}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({ padding: "x".repeat(1024 * 1024) }),
      },
    );
    expect(response.status).toBe(413);
  });
});
