import path from "node:path";
import { afterEach } from "vitest";
import { ApiClient } from "../../src/api/index.js";
import {
  loadSeedFile,
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
  type SeedFile,
} from "../../src/emulator/index.js";
import { ROOT } from "./cli.js";
import { checkExchange } from "./contract.js";

export const EXAMPLE_DIR = path.join(ROOT, "examples", "dryrun-config");
export const EXAMPLE_SEED = path.join(EXAMPLE_DIR, "emulator-seed.json");

/** The example seed's key for the account acme. */
export const ACME_KEY = "dryrunsec_demo_acme_0123456789abcdef";

/** The example seed's key for both of its accounts. */
export const ALL_KEY = "dryrunsec_demo_all_fedcba9876543210";

/** Emulators of the current test that are still listening. */
const running: RunningEmulator[] = [];
/** Every emulator of the current test, including those stopped early. */
const started: RunningEmulator[] = [];

/**
 * Closes the test's emulators, then fails the test when any exchange they
 * recorded breaks schemas/openapi.yaml. Closing comes first because it
 * waits for requests still in flight, which are recorded only once served.
 */
afterEach(async () => {
  const emulators = started.splice(0);
  const closed = await Promise.allSettled(
    running.splice(0).map((emulator) => emulator.close()),
  );

  const problems = emulators.flatMap((emulator) =>
    emulator.requests.flatMap(checkExchange),
  );
  if (problems.length > 0) {
    const count =
      problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    throw new Error(
      [
        `API exchanges do not match schemas/openapi.yaml (${count}):`,
        ...problems.map((problem) => `  ${problem}`),
      ].join("\n"),
    );
  }
  for (const result of closed) {
    if (result.status === "rejected") {
      throw result.reason;
    }
  }
});

/**
 * Starts an emulator on a free loopback port. It stops after the test, and
 * every exchange it records is checked against schemas/openapi.yaml.
 *
 * DRYRUN_TEST_PAGINATION (`meta` or `top-level`) and
 * DRYRUN_TEST_LIST_SETTINGS (`include` or `omit`) choose the documented
 * variant of the API to emulate, but options passed here take precedence.
 */
export async function startTestEmulator(
  seed: SeedFile,
  options: Partial<EmulatorOptions> = {},
): Promise<RunningEmulator> {
  const emulator = await startEmulator({
    seed,
    ...variantOptions(process.env),
    ...options,
  });
  running.push(emulator);
  started.push(emulator);
  return emulator;
}

/**
 * Reads the emulator variant from the environment. An unset or empty
 * variable keeps the emulator's default.
 */
export function variantOptions(
  env: NodeJS.ProcessEnv,
): Pick<EmulatorOptions, "pagination" | "listIncludesConfiguration"> {
  const pagination = env["DRYRUN_TEST_PAGINATION"] || "meta";
  if (pagination !== "meta" && pagination !== "top-level") {
    throw new Error(
      `DRYRUN_TEST_PAGINATION must be "meta" or "top-level", got ${JSON.stringify(pagination)}`,
    );
  }
  const listSettings = env["DRYRUN_TEST_LIST_SETTINGS"] || "include";
  if (listSettings !== "include" && listSettings !== "omit") {
    throw new Error(
      `DRYRUN_TEST_LIST_SETTINGS must be "include" or "omit", got ${JSON.stringify(listSettings)}`,
    );
  }
  return { pagination, listIncludesConfiguration: listSettings === "include" };
}

/** Stops an emulator before the test ends, to reuse its port. */
export async function stopTestEmulator(emulator: RunningEmulator) {
  const index = running.indexOf(emulator);
  if (index !== -1) {
    running.splice(index, 1);
  }
  await emulator.close();
}

export function loadExampleSeed(): Promise<SeedFile> {
  return loadSeedFile(EXAMPLE_SEED);
}

/** The environment that points the CLI at an emulator with a key. */
export function cliEnv(emulator: RunningEmulator, key: string) {
  return { DRYRUN_API_URL: emulator.url, DRYRUN_API_KEY: key };
}

export function apiClient(emulator: RunningEmulator, key: string): ApiClient {
  return new ApiClient({ baseUrl: emulator.url, apiKey: key });
}

/** The requests that changed something, as method and path. */
export function writes(emulator: RunningEmulator) {
  return emulator.requests.filter((request) => request.method !== "GET");
}
