import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ACME,
  CREATED,
  DEEPSCAN_1,
  DEEPSCAN_2,
  GLOBEX,
  POLICIES,
  REPO_PAYMENTS,
  REPO_USERS,
  REPO_WEB,
  SCAN_1,
  SCAN_2,
  SCAN_3,
  STRICT,
  type Harness,
  startHarness,
} from "./fixtures.js";

const ACCOUNT = `/accounts/${ACME}`;
const PAYMENTS = `${ACCOUNT}/repositories/${REPO_PAYMENTS}`;
const MISSING_REPOSITORY = "b0000000-0000-4000-8000-00000000ffff";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.emulator.close();
});

function dataOf(body: unknown): Record<string, unknown>[] {
  return (body as { data: Record<string, unknown>[] }).data;
}

function idsOf(body: unknown): unknown[] {
  return dataOf(body).map((item) => item["id"]);
}

describe("accounts", () => {
  test("summary keeps extra fields", async () => {
    const response = await harness.call("GET", "/accounts");
    expect(dataOf(response.body)[0]).toEqual({
      account_id: ACME,
      org_name: "acme",
      org_id: "org-acme",
      provider_type: "github",
      active: true,
      created_at: CREATED,
      plan: "enterprise",
    });
  });
});

describe("analyzers and policies", () => {
  test("analyzers as seeded", async () => {
    const response = await harness.call("GET", `${ACCOUNT}/analyzers`);
    expect(response.status).toBe(200);
    expect(dataOf(response.body)).toEqual([
      { slug: "sqli", name: "SQL Injection Analyzer" },
      {
        slug: "xss",
        name: "Cross-Site Scripting Analyzer",
        description: "XSS",
      },
    ]);
  });

  test("custom policies paginate", async () => {
    const response = await harness.call(
      "GET",
      `${ACCOUNT}/custom_policies?per_page=3&page=3`,
    );
    expect(idsOf(response.body)).toEqual([POLICIES[6], POLICIES[7]]);
    expect(dataOf(response.body)[0]).toEqual({
      id: POLICIES[6],
      name: "Policy 7",
      question: "Does the change log secrets?",
    });
  });

  test("empty account lists nothing", async () => {
    const response = await harness.call("GET", `/accounts/${GLOBEX}/analyzers`);
    expect(dataOf(response.body)).toEqual([]);
  });
});

describe("repositories and findings", () => {
  test("repository fields", async () => {
    const response = await harness.call(
      "GET",
      `${ACCOUNT}/repositories?per_page=1`,
    );
    expect(dataOf(response.body)).toEqual([
      {
        id: REPO_PAYMENTS,
        name: "api-payments",
        provider_repo_id: 12,
        configuration_id: STRICT,
        enabled: true,
        created_at: CREATED,
      },
    ]);
  });

  test("findings of one repository", async () => {
    const response = await harness.call("GET", `${PAYMENTS}/findings`);
    expect(dataOf(response.body)).toEqual([
      { id: "f1", repository_id: REPO_PAYMENTS, severity: "error" },
    ]);
  });

  test("findings of unknown repository", async () => {
    const response = await harness.call(
      "GET",
      `${ACCOUNT}/repositories/${MISSING_REPOSITORY}/findings`,
    );
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: "repository not found" });
  });
});

describe("scans", () => {
  test("list omits findings", async () => {
    const response = await harness.call("GET", `${PAYMENTS}/scans`);
    expect(idsOf(response.body)).toEqual([SCAN_1, SCAN_2, SCAN_3]);
    expect(dataOf(response.body)[0]).toEqual({
      id: SCAN_1,
      repository_id: REPO_PAYMENTS,
      initiated_by: "user-1",
      result: "failing",
      created_at: "2026-03-01T10:00:00Z",
    });
  });

  test.each([
    ["date_from=2026-03-02", [SCAN_2, SCAN_3]],
    ["date_to=2026-03-02", [SCAN_1, SCAN_2]],
    ["date_from=2026-03-01T11:00:00Z&date_to=2026-03-03T09:59:59Z", [SCAN_2]],
    ["date_from=2026-03-02T10:00:00", [SCAN_2, SCAN_3]],
    ["date_to=2026-03-02T12:00:00%2B02:00", [SCAN_1, SCAN_2]],
    ["initiated_by=user-1", [SCAN_1, SCAN_3]],
    ["result=failing,info", [SCAN_1, SCAN_3]],
    ["result=risky&initiated_by=user-1", []],
  ])("filters %s", async (query, expected) => {
    const response = await harness.call("GET", `${PAYMENTS}/scans?${query}`);
    expect(response.status).toBe(200);
    expect(idsOf(response.body)).toEqual(expected);
  });

  test.each([
    [
      "date_from=yesterday",
      'date_from must be an ISO 8601 date or date and time, such as 2026-03-01 or 2026-03-01T12:00:00Z, got "yesterday"',
    ],
    [
      "date_to=2026-02-30",
      'date_to must be an ISO 8601 date or date and time, such as 2026-03-01 or 2026-03-01T12:00:00Z, got "2026-02-30"',
    ],
    [
      "date_from=2026-03-03&date_to=2026-03-01",
      'date_from "2026-03-03" is after date_to "2026-03-01"',
    ],
    [
      "result=failing,bad",
      'result must be a comma-separated list of failing, risky, info, got "failing,bad"',
    ],
  ])("rejects %s", async (query, message) => {
    const response = await harness.call("GET", `${PAYMENTS}/scans?${query}`);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: message });
  });

  test("detail has findings", async () => {
    const response = await harness.call("GET", `${PAYMENTS}/scans/${SCAN_1}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: {
        id: SCAN_1,
        repository_id: REPO_PAYMENTS,
        initiated_by: "user-1",
        result: "failing",
        created_at: "2026-03-01T10:00:00Z",
        findings: [
          { title: "SQL injection", result: "failing" },
          { title: "Verbose logging", result: "info" },
        ],
      },
    });
  });

  test("detail filters findings", async () => {
    const response = await harness.call(
      "GET",
      `${PAYMENTS}/scans/${SCAN_1}?findings_result=info,risky`,
    );
    expect(
      (response.body as { data: { findings: unknown } }).data.findings,
    ).toEqual([{ title: "Verbose logging", result: "info" }]);
  });

  test("detail without findings", async () => {
    const response = await harness.call("GET", `${PAYMENTS}/scans/${SCAN_2}`);
    expect(
      (response.body as { data: { findings: unknown } }).data.findings,
    ).toEqual([]);
  });

  test("detail rejects bad filter", async () => {
    const response = await harness.call(
      "GET",
      `${PAYMENTS}/scans/${SCAN_1}?findings_result=high`,
    );
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error:
        'findings_result must be a comma-separated list of failing, risky, info, got "high"',
    });
  });

  test("scan of other repository is 404", async () => {
    const response = await harness.call(
      "GET",
      `${ACCOUNT}/repositories/${REPO_USERS}/scans/${SCAN_1}`,
    );
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: "scan not found" });
  });
});

describe("deepscans", () => {
  test("account list omits results", async () => {
    const response = await harness.call("GET", `${ACCOUNT}/deepscans`);
    expect(dataOf(response.body)).toEqual([
      { id: DEEPSCAN_1, repository_id: REPO_PAYMENTS, status: "completed" },
      { id: DEEPSCAN_2, repository_id: REPO_USERS, status: "running" },
    ]);
  });

  test("repository list", async () => {
    const response = await harness.call(
      "GET",
      `${ACCOUNT}/repositories/${REPO_USERS}/deepscans`,
    );
    expect(idsOf(response.body)).toEqual([DEEPSCAN_2]);
  });

  test("results paginate", async () => {
    const response = await harness.call(
      "GET",
      `${PAYMENTS}/deepscans/${DEEPSCAN_1}/results?per_page=1&page=2`,
    );
    expect(response.body).toEqual({
      data: [{ severity: "low" }],
      meta: { total: 2, page: 2, per_page: 1, total_pages: 2 },
    });
  });

  test("results without any", async () => {
    const response = await harness.call(
      "GET",
      `${ACCOUNT}/repositories/${REPO_USERS}/deepscans/${DEEPSCAN_2}/results`,
    );
    expect(dataOf(response.body)).toEqual([]);
  });

  test("results under other repository", async () => {
    const response = await harness.call(
      "GET",
      `${ACCOUNT}/repositories/${REPO_WEB}/deepscans/${DEEPSCAN_1}/results`,
    );
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: "deepscan not found" });
  });
});

describe("insights", () => {
  test("latest by default", async () => {
    const response = await harness.call("GET", `${ACCOUNT}/insights`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: { date: "2026-03-03", summary: "latest" },
    });
  });

  test("by date", async () => {
    const response = await harness.call(
      "GET",
      `${ACCOUNT}/insights?date=2026-03-02`,
    );
    expect(response.body).toEqual({
      data: { date: "2026-03-02", summary: "second" },
    });
  });

  test("date without insights is 404", async () => {
    const response = await harness.call(
      "GET",
      `${ACCOUNT}/insights?date=2026-03-04`,
    );
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: "no insights for 2026-03-04" });
  });

  test.each(["2026-3-4", "2026-02-30", "latest"])(
    "rejects date %s",
    async (date) => {
      const response = await harness.call(
        "GET",
        `${ACCOUNT}/insights?date=${date}`,
      );
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: `date must be a calendar date in YYYY-MM-DD form, got "${date}"`,
      });
    },
  );

  test("account without insights is 404", async () => {
    const response = await harness.call("GET", `/accounts/${GLOBEX}/insights`);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      error: "no insights for this account yet",
    });
  });
});
