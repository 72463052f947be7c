import { describe, expect, test } from "vitest";
import { runCli } from "../support/cli.js";
import {
  checkExchange,
  findOperation,
  isFaulted,
} from "../support/contract.js";
import {
  ACME_KEY,
  cliEnv,
  EXAMPLE_DIR,
  loadExampleSeed,
  startTestEmulator,
} from "../support/emulator.js";

/** Operations that applying the example must use at least once. */
const APPLY_OPERATIONS = [
  "listAccounts",
  "listAnalyzers",
  "listCustomPolicies",
  "listConfigurations",
  "listRepositories",
  "createConfiguration",
  "updateConfiguration",
  "assignRepositories",
];

const VARIANTS = [
  { pagination: "meta", listIncludesConfiguration: true },
  { pagination: "top-level", listIncludesConfiguration: false },
] as const;

describe("client requests", () => {
  test.each(VARIANTS)(
    "example apply conforms (%o)",
    async ({ pagination, listIncludesConfiguration }) => {
      const emulator = await startTestEmulator(await loadExampleSeed(), {
        pagination,
        listIncludesConfiguration,
      });
      const result = await runCli(["apply", EXAMPLE_DIR, "--auto-approve"], {
        env: cliEnv(emulator, ACME_KEY),
      });
      expect(result.stderr).not.toContain("error");
      expect(result.code).toBe(0);

      const checked = emulator.requests.filter(
        (recorded) => !isFaulted(recorded),
      );
      expect(checked).toHaveLength(emulator.requests.length);
      expect(checked.flatMap(checkExchange)).toEqual([]);

      const operations = new Set(
        checked.map(
          (recorded) =>
            findOperation(recorded.method, recorded.path)?.operationId,
        ),
      );
      for (const operationId of APPLY_OPERATIONS) {
        expect(operations, operationId).toContain(operationId);
      }
      // Without settings in the list, each configuration is read alone.
      expect(operations.has("getConfiguration")).toBe(
        !listIncludesConfiguration,
      );
    },
  );
});
