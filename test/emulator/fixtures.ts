import {
  type EmulatorOptions,
  type RunningEmulator,
  type SeedFile,
  startEmulator,
} from "../../src/emulator/index.js";

export const KEY = "dryrunsec_test_key";
export const OTHER_KEY = "dryrunsec_other_key";

export const ACME = "a0000000-0000-4000-8000-000000000001";
export const GLOBEX = "a0000000-0000-4000-8000-000000000002";
/** An account that exists but that KEY may not use. */
export const INITECH = "a0000000-0000-4000-8000-000000000003";

export const BASELINE = "c0000000-0000-4000-8000-000000000001";
export const STRICT = "c0000000-0000-4000-8000-000000000002";

export const REPO_PAYMENTS = "b0000000-0000-4000-8000-000000000001";
export const REPO_USERS = "b0000000-0000-4000-8000-000000000002";
export const REPO_WEB = "b0000000-0000-4000-8000-000000000003";
export const REPO_GITHUB = "b0000000-0000-4000-8000-000000000004";
export const REPO_BILLING = "b0000000-0000-4000-8000-000000000005";

export const SCAN_1 = "d0000000-0000-4000-8000-000000000001";
export const SCAN_2 = "d0000000-0000-4000-8000-000000000002";
export const SCAN_3 = "d0000000-0000-4000-8000-000000000003";
export const DEEPSCAN_1 = "e0000000-0000-4000-8000-000000000001";
export const DEEPSCAN_2 = "e0000000-0000-4000-8000-000000000002";

export const CREATED = "2026-01-01T00:00:00Z";

/** Ids of eight custom policies of ACME, one more than may be enabled. */
export const POLICIES = Array.from(
  { length: 8 },
  (_, index) => `f0000000-0000-4000-8000-00000000000${index + 1}`,
);

export const DEFAULT_SETTINGS = {
  comment: "disabled",
  show_scan_confirmation: false,
  risk_threshold: 0,
  analyzers: {},
  code_policies: [],
  notifications: { enabled: false, deduplicate: false, integrationNames: [] },
};

function repository(id: string, name: string, configurationId: string | null) {
  return {
    id,
    name,
    provider_repo_id: name.length,
    configuration_id: configurationId,
    enabled: true,
    created_at: CREATED,
  };
}

function account(id: string, name: string) {
  return {
    account_id: id,
    org_name: name,
    org_id: `org-${name}`,
    provider_type: "github",
    active: true,
    created_at: CREATED,
    analyzers: [],
    custom_policies: [],
    configurations: [],
    repositories: [],
  };
}

/** Returns a fresh seed: three accounts, two keys, and ACME filled with objects. */
export function makeSeed(): SeedFile {
  return {
    api_keys: [
      { key: KEY, accounts: [ACME, GLOBEX] },
      { key: OTHER_KEY, accounts: [INITECH] },
    ],
    accounts: [
      {
        ...account(ACME, "acme"),
        plan: "enterprise",
        analyzers: [
          { slug: "sqli", name: "SQL Injection Analyzer" },
          {
            slug: "xss",
            name: "Cross-Site Scripting Analyzer",
            description: "XSS",
          },
        ],
        custom_policies: POLICIES.map((id, index) => ({
          id,
          name: `Policy ${index + 1}`,
          question: "Does the change log secrets?",
        })),
        configurations: [
          {
            id: BASELINE,
            name: "baseline",
            configuration: {},
            created_at: CREATED,
            updated_at: CREATED,
          },
          {
            id: STRICT,
            name: "strict",
            configuration: {
              risk_threshold: 2,
              analyzers: { sqli: true },
              code_policies: [{ id: POLICIES[0] ?? "", enabled: true }],
              notifications: { enabled: true },
            },
          },
        ],
        repositories: [
          repository(REPO_PAYMENTS, "api-payments", STRICT),
          repository(REPO_USERS, "api-users", BASELINE),
          repository(REPO_WEB, "web-frontend", null),
          repository(REPO_GITHUB, ".github", null),
          repository(REPO_BILLING, "Svc-Billing", BASELINE),
        ],
        findings: [
          { id: "f1", repository_id: REPO_PAYMENTS, severity: "error" },
          { id: "f2", repository_id: REPO_USERS, severity: "warning" },
        ],
        scans: [
          {
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
          {
            id: SCAN_2,
            repository_id: REPO_PAYMENTS,
            initiated_by: "user-2",
            result: "risky",
            created_at: "2026-03-02T10:00:00Z",
          },
          {
            id: SCAN_3,
            repository_id: REPO_PAYMENTS,
            initiated_by: "user-1",
            result: "info",
            created_at: "2026-03-03T10:00:00Z",
          },
        ],
        deepscans: [
          {
            id: DEEPSCAN_1,
            repository_id: REPO_PAYMENTS,
            status: "completed",
            results: [{ severity: "high" }, { severity: "low" }],
          },
          { id: DEEPSCAN_2, repository_id: REPO_USERS, status: "running" },
        ],
        insights: [
          { date: "2026-03-01", summary: "first" },
          { date: "2026-03-03", summary: "latest" },
          { date: "2026-03-02", summary: "second" },
        ],
      },
      account(GLOBEX, "globex"),
      account(INITECH, "initech"),
    ],
  };
}

/** A JSON response: status, headers and the parsed body. */
export interface JsonResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** A started emulator and a client for it that sends KEY by default. */
export interface Harness {
  emulator: RunningEmulator;
  call(
    method: string,
    path: string,
    options?: { body?: unknown; key?: string | null; rawBody?: string },
  ): Promise<JsonResponse>;
}

export async function startHarness(
  options: Partial<EmulatorOptions> = {},
): Promise<Harness> {
  const emulator = await startEmulator({ seed: makeSeed(), ...options });
  return {
    emulator,
    call: async (method, path, { body, key = KEY, rawBody } = {}) => {
      const headers: Record<string, string> = {};
      if (key !== null) {
        headers["authorization"] = `Bearer ${key}`;
      }
      if (body !== undefined || rawBody !== undefined) {
        headers["content-type"] = "application/json";
      }
      const response = await fetch(`${emulator.url}${path}`, {
        method,
        headers,
        body:
          rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text === "" ? undefined : (JSON.parse(text) as unknown),
      };
    },
  };
}
