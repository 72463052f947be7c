import { describe, expect, test } from "vitest";
import type { RecordedRequest } from "../../src/emulator/index.js";
import {
  checkExchange,
  findOperation,
  isFaulted,
} from "../support/contract.js";

const ACCOUNT = "11111111-1111-4111-8111-111111111111";
const CONFIGURATION = "44444444-4444-4444-8444-000000000001";
const REPOSITORY = "33333333-3333-4333-8333-000000000001";
const POLICY = "22222222-2222-4222-8222-000000000001";
const COLLECTION = `/v1/accounts/${ACCOUNT}/configurations`;
const PAGE_INFO = { total: 1, page: 1, per_page: 100, total_pages: 1 };
const CONFIGURATION_OBJECT = {
  id: CONFIGURATION,
  name: "backend",
  configuration: { risk_threshold: 2 },
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
};

/** Builds a recorded exchange; the response status follows the request's. */
function exchange(
  fields: Partial<Omit<RecordedRequest, "response">> & {
    response?: unknown;
  },
): RecordedRequest {
  const status = fields.status ?? 200;
  return {
    method: "GET",
    path: `/v1/accounts`,
    query: {},
    body: undefined,
    requestId: "00000000-0000-4000-8000-000000000000",
    ...fields,
    status,
    response: { status, body: fields.response },
  };
}

describe("checkExchange reports", () => {
  test("create body without configuration", () => {
    const problems = checkExchange(
      exchange({
        method: "POST",
        path: COLLECTION,
        status: 201,
        body: { repositories: [REPOSITORY] },
        response: { data: CONFIGURATION_OBJECT },
      }),
    );
    expect(problems).toEqual([
      `POST ${COLLECTION} 201 (createConfiguration): request body must have required property 'configuration'`,
    ]);
  });

  test("unknown settings key in bulk_update", () => {
    const problems = checkExchange(
      exchange({
        method: "POST",
        path: `${COLLECTION}/bulk_update`,
        body: {
          configuration_ids: [CONFIGURATION],
          updates: { risk_treshold: 2 },
        },
        response: { data: [CONFIGURATION_OBJECT] },
      }),
    );
    expect(problems).toEqual([
      `POST ${COLLECTION}/bulk_update 200 (bulkUpdateConfigurations): request body at /updates must NOT have unevaluated properties ("risk_treshold")`,
    ]);
  });

  test("code policy flag of the wrong type", () => {
    const problems = checkExchange(
      exchange({
        method: "PATCH",
        path: `${COLLECTION}/${CONFIGURATION}`,
        body: {
          configuration: {
            configuration: {
              code_policies: [{ id: POLICY, enabled: "yes" }],
            },
          },
        },
        response: { data: CONFIGURATION_OBJECT },
      }),
    );
    expect(problems).toEqual([
      `PATCH ${COLLECTION}/${CONFIGURATION} 200 (updateConfiguration): request body at /configuration/configuration/code_policies/0/enabled must be boolean,null`,
    ]);
  });

  test("path of no operation", () => {
    const problems = checkExchange(
      exchange({ path: `/v1/accounts/${ACCOUNT}/policies`, status: 404 }),
    );
    expect(problems).toEqual([
      `GET /v1/accounts/${ACCOUNT}/policies 404: no operation of schemas/openapi.yaml has this method and path`,
    ]);
  });

  test("method of no operation", () => {
    const problems = checkExchange(
      exchange({
        method: "DELETE",
        path: `${COLLECTION}/bulk_update`,
        status: 405,
        response: { error: "method DELETE is not allowed" },
      }),
    );
    expect(problems).toEqual([
      `DELETE ${COLLECTION}/bulk_update 405: no operation of schemas/openapi.yaml has this method and path`,
    ]);
  });

  test("path outside the server URL", () => {
    const problems = checkExchange(exchange({ path: "/accounts" }));
    expect(problems).toEqual([
      "GET /accounts 200: no operation of schemas/openapi.yaml has this method and path",
    ]);
  });

  test("list without page information", () => {
    const problems = checkExchange(
      exchange({
        path: `/v1/accounts/${ACCOUNT}/analyzers`,
        response: { data: [{ slug: "sqli" }] },
      }),
    );
    expect(problems).toContain(
      `GET /v1/accounts/${ACCOUNT}/analyzers 200 (listAnalyzers): response body must match a schema in anyOf`,
    );
  });

  test("list item without its id", () => {
    const problems = checkExchange(
      exchange({
        path: `/v1/accounts/${ACCOUNT}/repositories`,
        response: {
          data: [{ name: "api", configuration_id: null }],
          meta: PAGE_INFO,
        },
      }),
    );
    expect(problems).toEqual([
      `GET /v1/accounts/${ACCOUNT}/repositories 200 (listRepositories): response body at /data/0 must have required property 'id'`,
    ]);
  });

  test("single configuration without settings", () => {
    const { configuration: _settings, ...bare } = CONFIGURATION_OBJECT;
    const problems = checkExchange(
      exchange({ path: `${COLLECTION}/${CONFIGURATION}`, response: bare }),
    );
    expect(problems).toEqual([
      `GET ${COLLECTION}/${CONFIGURATION} 200 (getConfiguration): response body must have required property 'data'`,
    ]);
  });

  test("204 with a body", () => {
    const problems = checkExchange(
      exchange({
        method: "DELETE",
        path: `${COLLECTION}/${CONFIGURATION}`,
        status: 204,
        response: { data: CONFIGURATION_OBJECT },
      }),
    );
    expect(problems).toEqual([
      `DELETE ${COLLECTION}/${CONFIGURATION} 204 (deleteConfiguration): response has a body, but status 204 documents none`,
    ]);
  });

  test("status the operation does not document", () => {
    const problems = checkExchange(
      exchange({
        method: "DELETE",
        path: `${COLLECTION}/${CONFIGURATION}`,
        status: 409,
        response: { error: "configuration is in use" },
      }),
    );
    expect(problems).toEqual([
      `DELETE ${COLLECTION}/${CONFIGURATION} 409 (deleteConfiguration): status 409 is not a documented response`,
    ]);
  });

  test("error body without error", () => {
    const problems = checkExchange(
      exchange({ status: 401, response: { message: "unauthorized" } }),
    );
    expect(problems).toEqual([
      "GET /v1/accounts 401 (listAccounts): response body must have required property 'error'",
    ]);
  });

  test("response without a body", () => {
    const problems = checkExchange(exchange({ status: 200 }));
    expect(problems).toEqual([
      "GET /v1/accounts 200 (listAccounts): response has no JSON body",
    ]);
  });

  test("undocumented query parameter", () => {
    const problems = checkExchange(
      exchange({
        query: { page: "1", per_page: "100", perpage: "100" },
        response: { data: [], meta: PAGE_INFO },
      }),
    );
    expect(problems).toEqual([
      `GET /v1/accounts 200 (listAccounts): query parameter "perpage" is not documented`,
    ]);
  });

  test("GET with a body", () => {
    const problems = checkExchange(
      exchange({ body: {}, response: { data: [], meta: PAGE_INFO } }),
    );
    expect(problems).toEqual([
      "GET /v1/accounts 200 (listAccounts): request has a body, but the operation takes none",
    ]);
  });
});

describe("checkExchange accepts", () => {
  test("both pagination shapes", () => {
    const meta = exchange({ response: { data: [], meta: PAGE_INFO } });
    const topLevel = exchange({ response: { data: [], ...PAGE_INFO } });
    expect(checkExchange(meta)).toEqual([]);
    expect(checkExchange(topLevel)).toEqual([]);
  });

  test("listed configurations without settings", () => {
    const { configuration: _settings, ...bare } = CONFIGURATION_OBJECT;
    const problems = checkExchange(
      exchange({
        path: COLLECTION,
        query: { page: "1", per_page: "100" },
        response: { data: [bare], meta: PAGE_INFO },
      }),
    );
    expect(problems).toEqual([]);
  });

  test("extra response fields", () => {
    const problems = checkExchange(
      exchange({
        path: `${COLLECTION}/${CONFIGURATION}`,
        response: {
          data: { ...CONFIGURATION_OBJECT, owner: "team-a" },
          request_id: "r-1",
        },
      }),
    );
    expect(problems).toEqual([]);
  });

  test("invalid request that got 422", () => {
    const problems = checkExchange(
      exchange({
        method: "POST",
        path: COLLECTION,
        status: 422,
        body: { name: "no wrapper" },
        response: { error: "name is not a known field" },
      }),
    );
    expect(problems).toEqual([]);
  });

  test("204 without a body", () => {
    const problems = checkExchange(
      exchange({
        method: "DELETE",
        path: `${COLLECTION}/${CONFIGURATION}`,
        status: 204,
      }),
    );
    expect(problems).toEqual([]);
  });
});

describe("faulted exchanges", () => {
  test("injected status is skipped", () => {
    const recorded = exchange({
      status: 503,
      response: { error: "injected fault 2: 503 Service Unavailable" },
    });
    expect(isFaulted(recorded)).toBe(true);
    expect(checkExchange(recorded)).toEqual([]);
  });

  test("dropped connection is skipped", () => {
    const recorded = exchange({
      method: "POST",
      path: COLLECTION,
      status: 0,
      body: { repositories: [] },
    });
    expect(isFaulted(recorded)).toBe(true);
    expect(checkExchange(recorded)).toEqual([]);
  });

  test("ordinary error is checked", () => {
    const recorded = exchange({
      status: 503,
      response: { error: "service unavailable" },
    });
    expect(isFaulted(recorded)).toBe(false);
  });
});

describe("findOperation", () => {
  test("literal segment beats a template", () => {
    const operation = findOperation("POST", `${COLLECTION}/bulk_update`);
    expect(operation?.operationId).toBe("bulkUpdateConfigurations");
  });

  test("template matches an id", () => {
    const operation = findOperation("PUT", `${COLLECTION}/${CONFIGURATION}`);
    expect(operation?.operationId).toBe("replaceConfiguration");
  });

  test("empty segment matches nothing", () => {
    expect(findOperation("GET", `${COLLECTION}/`)).toBeUndefined();
  });
});
