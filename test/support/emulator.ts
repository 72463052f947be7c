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

export const EXAMPLE_DIR = path.join(ROOT, "examples", "dryrun-config");
export const EXAMPLE_SEED = path.join(EXAMPLE_DIR, "emulator-seed.json");

const running: RunningEmulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

/** Starts an emulator on a free loopback port; it stops after the test. */
export async function startTestEmulator(
  seed: SeedFile,
  options: Partial<EmulatorOptions> = {},
): Promise<RunningEmulator> {
  const emulator = await startEmulator({ seed, ...options });
  running.push(emulator);
  return emulator;
}

/** Stops an emulator before the test ends, to reuse its port. */
export async function stopTestEmulator(emulator: RunningEmulator) {
  running.splice(running.indexOf(emulator), 1);
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
