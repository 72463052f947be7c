import { afterEach, describe, expect, test, vi } from "vitest";
import { startTestEmulator, variantOptions } from "../support/emulator.js";
import { KEY, smallSeed } from "../support/seed.js";

afterEach(() => {
  vi.unstubAllEnvs();
});

async function listAccounts(url: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}/accounts`, {
    headers: { authorization: `Bearer ${KEY}` },
  });
  return (await response.json()) as Record<string, unknown>;
}

describe("variantOptions", () => {
  test("defaults when unset", () => {
    expect(variantOptions({})).toEqual({
      pagination: "meta",
      listIncludesConfiguration: true,
    });
  });

  test("empty values keep defaults", () => {
    const env = { DRYRUN_TEST_PAGINATION: "", DRYRUN_TEST_LIST_SETTINGS: "" };
    expect(variantOptions(env)).toEqual({
      pagination: "meta",
      listIncludesConfiguration: true,
    });
  });

  test("top-level and omit", () => {
    const env = {
      DRYRUN_TEST_PAGINATION: "top-level",
      DRYRUN_TEST_LIST_SETTINGS: "omit",
    };
    expect(variantOptions(env)).toEqual({
      pagination: "top-level",
      listIncludesConfiguration: false,
    });
  });

  test("rejects unknown pagination", () => {
    expect(() => variantOptions({ DRYRUN_TEST_PAGINATION: "links" })).toThrow(
      'DRYRUN_TEST_PAGINATION must be "meta" or "top-level", got "links"',
    );
  });

  test("rejects unknown list setting", () => {
    expect(() =>
      variantOptions({ DRYRUN_TEST_LIST_SETTINGS: "exclude" }),
    ).toThrow(
      'DRYRUN_TEST_LIST_SETTINGS must be "include" or "omit", got "exclude"',
    );
  });
});

describe("startTestEmulator variant", () => {
  test("environment sets pagination", async () => {
    vi.stubEnv("DRYRUN_TEST_PAGINATION", "top-level");
    const emulator = await startTestEmulator(smallSeed());
    const body = await listAccounts(emulator.url);
    expect(body).toHaveProperty("total_pages", 1);
    expect(body).not.toHaveProperty("meta");
  });

  test("explicit option wins", async () => {
    vi.stubEnv("DRYRUN_TEST_PAGINATION", "top-level");
    const emulator = await startTestEmulator(smallSeed(), {
      pagination: "meta",
    });
    const body = await listAccounts(emulator.url);
    expect(body).toHaveProperty("meta.total_pages", 1);
    expect(body).not.toHaveProperty("total_pages");
  });
});
