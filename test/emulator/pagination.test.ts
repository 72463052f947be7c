import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ACME,
  REPO_BILLING,
  REPO_GITHUB,
  REPO_PAYMENTS,
  REPO_USERS,
  REPO_WEB,
  type Harness,
  startHarness,
} from "./fixtures.js";

const REPOSITORIES = `/accounts/${ACME}/repositories`;

interface ListBody {
  data: { id: string }[];
  [key: string]: unknown;
}

function ids(body: unknown): string[] {
  return (body as ListBody).data.map((item) => item.id);
}

describe("meta pagination", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness.emulator.close();
  });

  test("defaults to page 1 of 50", async () => {
    const response = await harness.call("GET", REPOSITORIES);
    expect(response.status).toBe(200);
    expect(ids(response.body)).toEqual([
      REPO_PAYMENTS,
      REPO_USERS,
      REPO_WEB,
      REPO_GITHUB,
      REPO_BILLING,
    ]);
    expect((response.body as ListBody)["meta"]).toEqual({
      total: 5,
      page: 1,
      per_page: 50,
      total_pages: 1,
    });
  });

  test("pages in seed order", async () => {
    const pages = [];
    for (const page of [1, 2, 3]) {
      const response = await harness.call(
        "GET",
        `${REPOSITORIES}?page=${page}&per_page=2`,
      );
      pages.push(response.body as ListBody);
    }
    expect(pages.map((body) => ids(body))).toEqual([
      [REPO_PAYMENTS, REPO_USERS],
      [REPO_WEB, REPO_GITHUB],
      [REPO_BILLING],
    ]);
    expect(pages.map((body) => body["meta"])).toEqual([
      { total: 5, page: 1, per_page: 2, total_pages: 3 },
      { total: 5, page: 2, per_page: 2, total_pages: 3 },
      { total: 5, page: 3, per_page: 2, total_pages: 3 },
    ]);
  });

  test("page past the end is empty", async () => {
    const response = await harness.call(
      "GET",
      `${REPOSITORIES}?page=4&per_page=2`,
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: [],
      meta: { total: 5, page: 4, per_page: 2, total_pages: 3 },
    });
  });

  test("empty list has zero pages", async () => {
    const empty = await harness.call(
      "GET",
      "/accounts/a0000000-0000-4000-8000-000000000002/repositories",
    );
    expect(empty.body).toEqual({
      data: [],
      meta: { total: 0, page: 1, per_page: 50, total_pages: 0 },
    });
  });

  test("per_page 100 is allowed", async () => {
    const response = await harness.call("GET", `${REPOSITORIES}?per_page=100`);
    expect(response.status).toBe(200);
    expect((response.body as ListBody)["meta"]).toMatchObject({
      per_page: 100,
    });
  });

  test.each([
    ["page=0", 'page must be an integer of 1 or more, got "0"'],
    ["page=-1", 'page must be an integer of 1 or more, got "-1"'],
    ["page=abc", 'page must be an integer of 1 or more, got "abc"'],
    ["page=1.5", 'page must be an integer of 1 or more, got "1.5"'],
    ["page=", 'page must be an integer of 1 or more, got ""'],
    [
      "page=99999999999999999999",
      'page must be an integer of 1 or more, got "99999999999999999999"',
    ],
    ["per_page=0", 'per_page must be an integer from 1 to 100, got "0"'],
    ["per_page=101", 'per_page must be an integer from 1 to 100, got "101"'],
    ["per_page=ten", 'per_page must be an integer from 1 to 100, got "ten"'],
  ])("rejects %s", async (query, message) => {
    const response = await harness.call("GET", `${REPOSITORIES}?${query}`);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: message });
  });
});

describe("top-level pagination", () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ pagination: "top-level" });
  });

  afterAll(async () => {
    await harness.emulator.close();
  });

  test("puts page info beside data", async () => {
    const response = await harness.call(
      "GET",
      `${REPOSITORIES}?page=2&per_page=3`,
    );
    expect(response.body).toEqual({
      data: [
        expect.objectContaining({ id: REPO_GITHUB }),
        expect.objectContaining({ id: REPO_BILLING }),
      ],
      total: 5,
      page: 2,
      per_page: 3,
      total_pages: 2,
    });
  });

  test("applies to accounts", async () => {
    const response = await harness.call("GET", "/accounts?per_page=1");
    expect(response.body).toMatchObject({
      total: 2,
      page: 1,
      per_page: 1,
      total_pages: 2,
    });
    expect(response.body).not.toHaveProperty("meta");
  });
});
