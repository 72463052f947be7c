import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  ACME,
  BASELINE,
  REPO_BILLING,
  REPO_GITHUB,
  REPO_PAYMENTS,
  REPO_USERS,
  REPO_WEB,
  STRICT,
  type Harness,
  startHarness,
} from "./fixtures.js";

const ASSIGN = `/accounts/${ACME}/configurations/assign_repositories`;
const MISSING_CONFIGURATION = "c0000000-0000-4000-8000-00000000ffff";

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness();
});

afterEach(async () => {
  await harness.emulator.close();
});

async function assignments(): Promise<Record<string, string | null>> {
  const response = await harness.call("GET", `/accounts/${ACME}/repositories`);
  const repositories = (
    response.body as { data: { id: string; configuration_id: string | null }[] }
  ).data;
  return Object.fromEntries(
    repositories.map((r) => [r.id, r.configuration_id]),
  );
}

const INITIAL_ASSIGNMENTS = {
  [REPO_PAYMENTS]: STRICT,
  [REPO_USERS]: BASELINE,
  [REPO_WEB]: null,
  [REPO_GITHUB]: null,
  [REPO_BILLING]: BASELINE,
};

describe("assign_repositories", () => {
  test("by ids", async () => {
    const response = await harness.call("POST", ASSIGN, {
      body: {
        configuration_id: STRICT,
        repository_ids: [REPO_WEB, REPO_USERS],
      },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: {
        configuration_id: STRICT,
        repository_ids: [REPO_USERS, REPO_WEB],
      },
    });
    expect(await assignments()).toEqual({
      ...INITIAL_ASSIGNMENTS,
      [REPO_WEB]: STRICT,
      [REPO_USERS]: STRICT,
    });
  });

  test("by names ignoring case", async () => {
    const response = await harness.call("POST", ASSIGN, {
      body: {
        configuration_id: STRICT,
        repository_names: ["API-USERS", "svc-billing"],
      },
    });
    expect(response.body).toEqual({
      data: {
        configuration_id: STRICT,
        repository_ids: [REPO_BILLING, REPO_USERS],
      },
    });
  });

  test("by pattern", async () => {
    const response = await harness.call("POST", ASSIGN, {
      body: { configuration_id: BASELINE, repository_pattern: "api-*" },
    });
    expect(response.body).toEqual({
      data: {
        configuration_id: BASELINE,
        repository_ids: [REPO_PAYMENTS, REPO_USERS],
      },
    });
    expect((await assignments())[REPO_PAYMENTS]).toBe(BASELINE);
  });

  test("star matches dot names, sorted", async () => {
    const response = await harness.call("POST", ASSIGN, {
      body: { configuration_id: BASELINE, repository_pattern: "*" },
    });
    expect(response.body).toEqual({
      data: {
        configuration_id: BASELINE,
        repository_ids: [
          REPO_GITHUB,
          REPO_BILLING,
          REPO_PAYMENTS,
          REPO_USERS,
          REPO_WEB,
        ],
      },
    });
  });

  test("pattern ignores case", async () => {
    const response = await harness.call("POST", ASSIGN, {
      body: { configuration_id: STRICT, repository_pattern: "svc-*" },
    });
    expect(response.body).toEqual({
      data: { configuration_id: STRICT, repository_ids: [REPO_BILLING] },
    });
  });

  test("pattern matches whole name", async () => {
    const response = await harness.call("POST", ASSIGN, {
      body: { configuration_id: STRICT, repository_pattern: "api" },
    });
    expect(response.body).toEqual({
      data: { configuration_id: STRICT, repository_ids: [] },
    });
    expect(await assignments()).toEqual(INITIAL_ASSIGNMENTS);
  });

  test("selectors combine", async () => {
    const response = await harness.call("POST", ASSIGN, {
      body: {
        configuration_id: STRICT,
        repository_ids: [REPO_WEB],
        repository_names: ["web-frontend"],
        repository_pattern: ".git*",
      },
    });
    expect(response.body).toEqual({
      data: {
        configuration_id: STRICT,
        repository_ids: [REPO_GITHUB, REPO_WEB],
      },
    });
  });

  test.each([
    [
      "no selector",
      { configuration_id: STRICT },
      "at least one of repository_ids, repository_names or repository_pattern is required",
    ],
    [
      "unknown ids",
      { configuration_id: STRICT, repository_ids: [REPO_WEB, "nope"] },
      "repository_ids contains ids of no repository in this account: nope",
    ],
    [
      "unknown names",
      {
        configuration_id: STRICT,
        repository_names: ["web-frontend", "ghost", "gone"],
      },
      "repository_names contains names of no repository in this account: ghost, gone",
    ],
    [
      "empty pattern",
      { configuration_id: STRICT, repository_pattern: "" },
      'repository_pattern must be a non-empty glob pattern string, got ""',
    ],
    [
      "names not array",
      { configuration_id: STRICT, repository_names: "web" },
      'repository_names must be an array of repository names, got "web"',
    ],
    [
      "unknown field",
      { configuration_id: STRICT, repository_ids: [], repository_globs: ["*"] },
      "repository_globs is not a known field (known: configuration_id, repository_ids, repository_names, repository_pattern)",
    ],
    [
      "missing configuration_id",
      { repository_ids: [] },
      "configuration_id is required",
    ],
    [
      "configuration_id number",
      { configuration_id: 1, repository_ids: [] },
      "configuration_id must be a string, got 1",
    ],
    ["array body", [], "request body must be a JSON object, got an array"],
  ])("rejects %s", async (_case, body, message) => {
    const response = await harness.call("POST", ASSIGN, { body });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ error: message });
    expect(await assignments()).toEqual(INITIAL_ASSIGNMENTS);
  });

  test("unknown configuration is 404", async () => {
    const response = await harness.call("POST", ASSIGN, {
      body: {
        configuration_id: MISSING_CONFIGURATION,
        repository_ids: [REPO_WEB],
      },
    });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      error: `configuration "${MISSING_CONFIGURATION}" not found`,
    });
    expect(await assignments()).toEqual(INITIAL_ASSIGNMENTS);
  });
});
