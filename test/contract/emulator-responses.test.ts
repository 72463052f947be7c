import { describe, expect, test } from "vitest";
import type { RunningEmulator, SeedFile } from "../../src/emulator/index.js";
import {
  checkExchange,
  findOperation,
  listOperations,
} from "../support/contract.js";
import {
  ACME_KEY,
  loadExampleSeed,
  startTestEmulator,
} from "../support/emulator.js";

async function send(
  emulator: RunningEmulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<number> {
  const response = await fetch(`${emulator.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ACME_KEY}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Returns one request for each of the 19 operations, ids from the seed. */
function requestsFor(seed: SeedFile): [string, string, unknown?][] {
  const account = seed.accounts[0];
  const scan = account?.scans?.[0];
  const deepscan = account?.deepscans?.[0];
  const insight = account?.insights?.[0];
  const configuration = account?.configurations[0];
  const repository = account?.repositories[0];
  const policy = account?.custom_policies[0];
  if (
    account === undefined ||
    scan === undefined ||
    deepscan === undefined ||
    insight === undefined ||
    configuration === undefined ||
    repository === undefined ||
    policy === undefined
  ) {
    throw new Error("the example seed lacks an object this test reads");
  }

  const base = `/accounts/${account.account_id}`;
  const configurations = `${base}/configurations`;
  const member = `${configurations}/${configuration.id}`;
  const settings = {
    comment: "disabled",
    show_scan_confirmation: true,
    risk_threshold: 3,
    analyzers: { sqli: true },
    code_policies: [
      { id: policy.id, enabled: true, silent: null, blocking: false },
    ],
    notifications: {
      enabled: true,
      deduplicate: false,
      integrationNames: ["alerts"],
    },
  };
  return [
    ["GET", "/accounts?page=1&per_page=100"],
    ["GET", `${base}/analyzers?page=1`],
    ["GET", `${base}/custom_policies?per_page=2`],
    ["GET", `${base}/repositories?page=2&per_page=50`],
    ["GET", configurations],
    [
      "POST",
      configurations,
      {
        configuration: { name: "contract-check", configuration: settings },
        repositories: [repository.id],
      },
    ],
    ["GET", member],
    [
      "PUT",
      member,
      { configuration: { name: configuration.name, configuration: settings } },
    ],
    ["PATCH", member, { configuration: { configuration: { comment: "x" } } }],
    [
      "POST",
      `${configurations}/assign_repositories`,
      {
        configuration_id: configuration.id,
        repository_ids: [repository.id],
        repository_names: [],
        repository_pattern: "api-*",
      },
    ],
    [
      "POST",
      `${configurations}/bulk_update`,
      { configuration_ids: [configuration.id], updates: { risk_threshold: 1 } },
    ],
    ["DELETE", member],
    ["GET", `${base}/deepscans`],
    ["GET", `${base}/repositories/${deepscan.repository_id}/deepscans`],
    [
      "GET",
      `${base}/repositories/${deepscan.repository_id}/deepscans/${deepscan.id}/results`,
    ],
    ["GET", `${base}/repositories/${scan.repository_id}/findings`],
    ["GET", `${base}/insights`],
    ["GET", `${base}/insights?date=${insight.date}`],
    [
      "GET",
      `${base}/repositories/${scan.repository_id}/scans?result=failing,risky,info&date_from=2020-01-01&date_to=2030-01-01&initiated_by=${scan.initiated_by}`,
    ],
    [
      "GET",
      `${base}/repositories/${scan.repository_id}/scans/${scan.id}?findings_result=risky`,
    ],
  ];
}

describe("emulator responses", () => {
  test.each(["meta", "top-level"] as const)(
    "all operations conform (%s)",
    async (pagination) => {
      const seed = await loadExampleSeed();
      const emulator = await startTestEmulator(seed, { pagination });
      for (const [method, path, body] of requestsFor(seed)) {
        const status = await send(emulator, method, path, body);
        expect(status, `${method} ${path}`).toBeLessThan(300);
      }

      expect(emulator.requests.flatMap(checkExchange)).toEqual([]);
      const operations = new Set(
        emulator.requests.map(
          (recorded) =>
            findOperation(recorded.method, recorded.path)?.operationId,
        ),
      );
      expect([...operations].sort()).toEqual(
        listOperations()
          .map((operation) => operation.operationId)
          .sort(),
      );
    },
  );

  test("error responses conform", async () => {
    const seed = await loadExampleSeed();
    const emulator = await startTestEmulator(seed);
    const account = seed.accounts[0]?.account_id ?? "";
    const configurations = `/accounts/${account}/configurations`;
    const missing = "00000000-0000-4000-8000-000000000000";

    expect(await send(emulator, "GET", `/accounts?page=0`)).toBe(400);
    expect(await send(emulator, "GET", `/accounts/${missing}/analyzers`)).toBe(
      404,
    );
    expect(await send(emulator, "POST", configurations, { name: "x" })).toBe(
      422,
    );
    expect(
      await send(emulator, "POST", `${configurations}/bulk_update`, {
        configuration_ids: [missing],
        updates: {},
      }),
    ).toBe(404);
    expect(
      await send(emulator, "POST", `${configurations}/assign_repositories`, {
        configuration_id: missing,
        repository_pattern: "*",
      }),
    ).toBe(404);

    expect(emulator.requests.flatMap(checkExchange)).toEqual([]);
  });
});
