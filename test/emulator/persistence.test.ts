import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  SeedError,
  loadSeedFile,
  startEmulator,
} from "../../src/emulator/index.js";
import {
  ACME,
  BASELINE,
  STRICT,
  type Harness,
  makeSeed,
  startHarness,
} from "./fixtures.js";

const COLLECTION = `/accounts/${ACME}/configurations`;

let directory: string;
let statePath: string;
let harness: Harness | undefined;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "emulator-state-"));
  statePath = join(directory, "state.json");
});

afterEach(async () => {
  await harness?.emulator.close();
  harness = undefined;
  await rm(directory, { recursive: true, force: true });
});

describe("state file", () => {
  test("created at start with mode 0600", async () => {
    harness = await startHarness({ statePath });
    const saved = await loadSeedFile(statePath);
    expect(saved).toEqual(harness.emulator.snapshot());
    expect((await stat(statePath)).mode & 0o777).toBe(0o600);
  });

  test("saved after each write", async () => {
    harness = await startHarness({ statePath });
    await harness.call("POST", COLLECTION, {
      body: { configuration: { name: "saved" } },
    });
    const saved = await loadSeedFile(statePath);
    expect(saved).toEqual(harness.emulator.snapshot());
    expect(saved.accounts[0]?.configurations.map((c) => c.name)).toEqual([
      "baseline",
      "strict",
      "saved",
    ]);
  });

  test("reloads in place of the seed", async () => {
    harness = await startHarness({ statePath });
    await harness.call("DELETE", `${COLLECTION}/${BASELINE}`);
    await harness.call("PATCH", `${COLLECTION}/${STRICT}`, {
      body: { configuration: { configuration: { risk_threshold: 9 } } },
    });
    const before = harness.emulator.snapshot();
    await harness.emulator.close();

    const otherSeed = makeSeed();
    otherSeed.accounts[0]?.configurations.splice(0);
    otherSeed.accounts[0]?.repositories.forEach(
      (r) => (r.configuration_id = null),
    );
    harness = await startHarness({ statePath, seed: otherSeed });
    expect(harness.emulator.snapshot()).toEqual(before);
    const list = await harness.call("GET", COLLECTION);
    expect(
      (list.body as { data: { name: string }[] }).data.map((c) => c.name),
    ).toEqual(["strict"]);
  });

  test("reads and rejects skip saving", async () => {
    harness = await startHarness({ statePath });
    const before = (await stat(statePath)).mtimeMs;
    await harness.call("GET", COLLECTION);
    await harness.call("POST", COLLECTION, { body: { configuration: {} } });
    expect((await stat(statePath)).mtimeMs).toBe(before);
  });

  test("50 concurrent writes", async () => {
    harness = await startHarness({ statePath });
    const call = harness.call;
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        call("POST", COLLECTION, {
          body: { configuration: { name: `concurrent-${index}` } },
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    await harness.emulator.close();

    const saved = await loadSeedFile(statePath);
    expect(saved).toEqual(harness.emulator.snapshot());
    expect(saved.accounts[0]?.configurations).toHaveLength(52);
    expect(await readdir(directory)).toEqual(["state.json"]);
    harness = undefined;
  });

  test("200 concurrent writes of every kind", async () => {
    harness = await startHarness({ statePath });
    const call = harness.call;
    const requests = Array.from({ length: 200 }, (_, index) => {
      switch (index % 4) {
        case 0:
          return call("POST", COLLECTION, {
            body: { configuration: { name: `mixed-${index}` } },
          });
        case 1:
          return call("PATCH", `${COLLECTION}/${BASELINE}`, {
            body: {
              configuration: { configuration: { risk_threshold: index } },
            },
          });
        case 2:
          return call("POST", `${COLLECTION}/bulk_update`, {
            body: {
              configuration_ids: [STRICT],
              updates: { risk_threshold: index },
            },
          });
        default:
          return call("POST", `${COLLECTION}/assign_repositories`, {
            body: {
              configuration_id: index % 8 === 3 ? BASELINE : STRICT,
              repository_pattern: "api-*",
            },
          });
      }
    });
    const responses = await Promise.all(requests);
    expect(responses.every((r) => r.status === 200 || r.status === 201)).toBe(
      true,
    );
    const live = harness.emulator.snapshot();
    await harness.emulator.close();

    const saved = await loadSeedFile(statePath);
    expect(saved).toEqual(live);
    expect(saved.accounts[0]?.configurations).toHaveLength(52);
    expect(await readdir(directory)).toEqual(["state.json"]);
    harness = undefined;

    const reloaded = await startEmulator({ seed: makeSeed(), statePath });
    expect(reloaded.snapshot()).toEqual(live);
    await reloaded.close();
  });

  test("invalid state file is rejected", async () => {
    await writeFile(statePath, JSON.stringify({ api_keys: [], accounts: [] }));
    const start = startEmulator({ seed: makeSeed(), statePath });
    await expect(start).rejects.toThrow(SeedError);
    await expect(start).rejects.toThrow(
      `${statePath}: api_keys: must not be empty`,
    );
  });

  test("failed save is 500 and rolls back", async () => {
    harness = await startHarness({ statePath });
    await rm(directory, { recursive: true });
    const response = await harness.call("POST", COLLECTION, {
      body: { configuration: { name: "lost" } },
    });
    expect(response.status).toBe(500);
    expect((response.body as { error: string }).error).toMatch(
      new RegExp(
        `^failed to save the state file ${statePath}: ENOENT.*; the change was not applied$`,
      ),
    );
    const list = await harness.call("GET", COLLECTION);
    expect((list.body as { data: unknown[] }).data).toHaveLength(2);
  });
});
