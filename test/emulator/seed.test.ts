import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  SeedError,
  type SeedFile,
  loadSeedFile,
  parseSeed,
  startEmulator,
} from "../../src/emulator/index.js";
import {
  ACME,
  BASELINE,
  CREATED,
  DEFAULT_SETTINGS,
  KEY,
  REPO_PAYMENTS,
  STRICT,
  makeSeed,
} from "./fixtures.js";

const FIX_HINT =
  "Fix each field listed above; schemas/emulator-seed.schema.json defines the format.";

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "emulator-seed-"));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

/** Returns the message of the SeedError that parseSeed throws. */
function seedErrorOf(seed: unknown): string {
  try {
    parseSeed(seed, "seed.json");
  } catch (error) {
    expect(error).toBeInstanceOf(SeedError);
    return (error as Error).message;
  }
  throw new Error("parseSeed accepted the seed");
}

/** Returns a valid seed changed by `edit`. */
function seedWith(edit: (seed: SeedFile) => void): SeedFile {
  const seed = makeSeed();
  edit(seed);
  return seed;
}

function acme(seed: SeedFile) {
  const account = seed.accounts[0];
  if (account === undefined) {
    throw new Error("the fixture seed has no accounts");
  }
  return account;
}

describe("parseSeed", () => {
  test("accepts the fixture seed", () => {
    const seed = makeSeed();
    expect(parseSeed(seed, "seed.json")).toEqual(makeSeed());
  });

  test("lists every schema problem", () => {
    const message = seedErrorOf(
      seedWith((seed) => {
        const account = acme(seed);
        account.account_id = "acme";
        delete (account as Partial<typeof account>).org_id;
        (account.repositories[3] as { id: unknown }).id = "repo-4";
        (account as { active: unknown }).active = "yes";
        account.insights = [{ date: "2026-02-30" }];
      }),
    );
    expect(message).toBe(
      [
        "seed.json is not a valid emulator seed (5 problems):",
        "  seed.json: accounts[0].org_id: is required",
        '  seed.json: accounts[0].account_id: must be a UUID such as 12345678-1234-1234-1234-1234567890ab, got "acme"',
        '  seed.json: accounts[0].active: must be a boolean, got "yes"',
        '  seed.json: accounts[0].repositories[3].id: must be a UUID such as 12345678-1234-1234-1234-1234567890ab, got "repo-4"',
        '  seed.json: accounts[0].insights[0].date: must be a date in YYYY-MM-DD form, got "2026-02-30"',
        FIX_HINT,
      ].join("\n"),
    );
  });

  test.each([
    ["array", [], "  seed.json: must be an object, got an array"],
    [
      "no keys",
      { api_keys: [], accounts: [] },
      "  seed.json: api_keys: must not be empty",
    ],
    [
      "key without accounts",
      { api_keys: [{ key: "k", accounts: [] }], accounts: [] },
      "  seed.json: api_keys[0].accounts: must not be empty",
    ],
    [
      "bad timestamp",
      seedWith((seed) => {
        acme(seed).created_at = "2026-01-01";
      }),
      '  seed.json: accounts[0].created_at: must be an ISO 8601 date and time with a time zone, such as 2026-03-03T00:00:00Z, got "2026-01-01"',
    ],
    [
      "bad scan result",
      seedWith((seed) => {
        (acme(seed).scans?.[0] as { result: unknown }).result = "passing";
      }),
      '  seed.json: accounts[0].scans[0].result: must be one of failing, risky, info, got "passing"',
    ],
    [
      "negative threshold",
      seedWith((seed) => {
        acme(seed).configurations[0]!.configuration = { risk_threshold: -1 };
      }),
      "  seed.json: accounts[0].configurations[0].configuration.risk_threshold: must be 0 or more, got -1",
    ],
    [
      "org_id of wrong type",
      seedWith((seed) => {
        (acme(seed) as { org_id: unknown }).org_id = true;
      }),
      "  seed.json: accounts[0].org_id: must be a string or an integer, got true",
    ],
  ])("rejects %s", (_case, seed, line) => {
    expect(seedErrorOf(seed).split("\n")).toContain(line);
  });

  test.each([
    [
      "key naming no account",
      seedWith((seed) => {
        seed.api_keys[0]!.accounts.push("a0000000-0000-4000-8000-00000000ffff");
      }),
      '  seed.json: api_keys[0].accounts[2]: no account in this seed has account_id "a0000000-0000-4000-8000-00000000ffff"; add the account or remove the id',
    ],
    [
      "duplicate key",
      seedWith((seed) => {
        seed.api_keys[1]!.key = KEY;
      }),
      "  seed.json: api_keys[1].key: repeats the key of api_keys[0]; each key must be unique",
    ],
    [
      "duplicate repository id",
      seedWith((seed) => {
        acme(seed).repositories[2]!.id = REPO_PAYMENTS;
      }),
      "  seed.json: accounts[0].repositories[2].id: repeats the id of accounts[0].repositories[0]; each id must be unique",
    ],
    [
      "names equal ignoring case",
      seedWith((seed) => {
        acme(seed).configurations[1]!.name = "BASELINE";
      }),
      "  seed.json: accounts[0].configurations[1].name: repeats the name of accounts[0].configurations[0]; configuration names must be unique, ignoring case",
    ],
    [
      "unknown configuration_id",
      seedWith((seed) => {
        acme(seed).repositories[0]!.configuration_id =
          "c0000000-0000-4000-8000-00000000ffff";
      }),
      '  seed.json: accounts[0].repositories[0].configuration_id: no configuration of this account has id "c0000000-0000-4000-8000-00000000ffff"; use the id of one of accounts[0].configurations, or null',
    ],
    [
      "finding of unknown repository",
      seedWith((seed) => {
        acme(seed).findings![0]!.repository_id =
          "b0000000-0000-4000-8000-00000000ffff";
      }),
      '  seed.json: accounts[0].findings[0].repository_id: no repository of this account has id "b0000000-0000-4000-8000-00000000ffff"; use the id of one of accounts[0].repositories',
    ],
    [
      "duplicate insight date",
      seedWith((seed) => {
        acme(seed).insights![1]!.date = "2026-03-01";
      }),
      "  seed.json: accounts[0].insights[1].date: repeats the date of accounts[0].insights[0]; each date must be unique",
    ],
  ])("rejects %s", (_case, seed, line) => {
    expect(seedErrorOf(seed).split("\n")).toContain(line);
  });

  test("never prints a key", () => {
    const message = seedErrorOf(
      seedWith((seed) => {
        seed.api_keys[1]!.key = KEY;
      }),
    );
    expect(message).not.toContain(KEY);
  });
});

describe("loadSeedFile", () => {
  test("reads a valid file", async () => {
    const path = join(directory, "valid.json");
    await writeFile(path, JSON.stringify(makeSeed()));
    expect(await loadSeedFile(path)).toEqual(makeSeed());
  });

  test("missing file", async () => {
    const path = join(directory, "missing.json");
    await expect(loadSeedFile(path)).rejects.toThrow(SeedError);
    await expect(loadSeedFile(path)).rejects.toThrow(
      new RegExp(
        `^${path}: cannot read the seed file: ENOENT.*\\. Check the path and the file's permissions\\.$`,
      ),
    );
  });

  test("invalid JSON", async () => {
    const path = join(directory, "broken.json");
    await writeFile(path, "{ api_keys: [] }");
    await expect(loadSeedFile(path)).rejects.toThrow(
      new RegExp(
        `^${path}: the seed file is not valid JSON: .*\\. Fix the syntax and try again\\.$`,
      ),
    );
  });

  test("invalid state file may be deleted", async () => {
    const path = join(directory, "state.json");
    await writeFile(path, "{ api_keys: [] }");
    await expect(loadSeedFile(path, "state file")).rejects.toThrow(
      new RegExp(
        `^${path}: the state file is not valid JSON: .*\\. Fix the syntax and try again\\. Or delete it to start again from the seed\\.$`,
      ),
    );
  });

  test("names the file in problems", async () => {
    const path = join(directory, "invalid.json");
    await writeFile(path, JSON.stringify({ accounts: [] }));
    await expect(loadSeedFile(path)).rejects.toThrow(
      [
        `${path} is not a valid emulator seed (1 problem):`,
        `  ${path}: api_keys: is required`,
        FIX_HINT,
      ].join("\n"),
    );
  });
});

describe("seeded state", () => {
  test("invalid seed fails start", async () => {
    const seed = seedWith((seed) => {
      acme(seed).account_id = "acme";
    });
    await expect(startEmulator({ seed })).rejects.toThrow(SeedError);
  });

  test("snapshot fills defaults", async () => {
    const emulator = await startEmulator({ seed: makeSeed() });
    const snapshot = emulator.snapshot();
    await emulator.close();
    const account = snapshot.accounts[2];
    expect(account?.findings).toEqual([]);
    expect(account?.scans).toEqual([]);
    expect(account?.deepscans).toEqual([]);
    expect(account?.insights).toEqual([]);
    expect(snapshot.accounts[0]?.configurations[1]).toMatchObject({
      id: STRICT,
      created_at: CREATED,
      updated_at: CREATED,
    });
    expect(snapshot.accounts[0]?.configurations[0]?.configuration).toEqual(
      DEFAULT_SETTINGS,
    );
    expect(parseSeed(snapshot, "snapshot")).toEqual(snapshot);
  });

  test("snapshot is a copy", async () => {
    const seed = makeSeed();
    const emulator = await startEmulator({ seed });
    emulator.snapshot().accounts[0]!.configurations.splice(0);
    acme(seed).configurations.splice(0);
    const response = await fetch(
      `${emulator.url}/accounts/${ACME}/configurations/${BASELINE}`,
      { headers: { authorization: `Bearer ${KEY}` } },
    );
    await emulator.close();
    expect(response.status).toBe(200);
  });
});
