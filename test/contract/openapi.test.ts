import { readFile } from "node:fs/promises";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { ROUTES } from "../../src/emulator/routes/index.js";
import { listOperations, OPENAPI_FILE } from "../support/contract.js";
import { writeTree } from "../support/workspace.js";

/** Every operation of the usage guide, as method and path under /v1. */
const GUIDE_OPERATIONS = [
  "GET /accounts",
  "GET /accounts/{account_id}/analyzers",
  "GET /accounts/{account_id}/configurations",
  "POST /accounts/{account_id}/configurations",
  "POST /accounts/{account_id}/configurations/assign_repositories",
  "POST /accounts/{account_id}/configurations/bulk_update",
  "GET /accounts/{account_id}/configurations/{id}",
  "PUT /accounts/{account_id}/configurations/{id}",
  "PATCH /accounts/{account_id}/configurations/{id}",
  "DELETE /accounts/{account_id}/configurations/{id}",
  "GET /accounts/{account_id}/custom_policies",
  "GET /accounts/{account_id}/repositories/{repository_id}/deepscans/{deepscan_id}/results",
  "GET /accounts/{account_id}/deepscans",
  "GET /accounts/{account_id}/repositories/{repository_id}/deepscans",
  "GET /accounts/{account_id}/repositories/{repository_id}/findings",
  "GET /accounts/{account_id}/insights",
  "GET /accounts/{account_id}/repositories",
  "GET /accounts/{account_id}/repositories/{repository_id}/scans",
  "GET /accounts/{account_id}/repositories/{repository_id}/scans/{id}",
];

/** The operations that return one page of a list. */
const LIST_OPERATIONS = [
  "listAccounts",
  "listAnalyzers",
  "listConfigurations",
  "listCustomPolicies",
  "listDeepscanResults",
  "listAccountDeepscans",
  "listRepositoryDeepscans",
  "listFindings",
  "listRepositories",
  "listScans",
];

const ERROR_STATUSES = [
  "400",
  "401",
  "404",
  "405",
  "413",
  "422",
  "429",
  "500",
  "503",
];

/** The parts of the document that the broken copies change. */
interface EditableDocument {
  info: { title?: string };
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
}

interface OperationObject {
  operationId?: string;
  summary?: string;
  parameters?: { $ref?: string; name?: string; in?: string }[];
  responses: Record<string, { $ref?: string; content?: unknown }>;
}

async function readDocument(): Promise<{
  paths: Record<string, Record<string, OperationObject>>;
  components: {
    parameters: Record<string, { name: string; in: string }>;
    responses: Record<string, { content?: unknown }>;
  };
}> {
  return parse(await readFile(OPENAPI_FILE, "utf8"));
}

function sorted(values: readonly string[]): string[] {
  return [...values].sort();
}

describe("openapi.yaml", () => {
  test("valid OpenAPI 3.1 document", async () => {
    const api = await SwaggerParser.validate(OPENAPI_FILE);
    expect("openapi" in api ? api.openapi : undefined).toBe("3.1.0");
  });

  test.each([
    [
      "without info.title",
      (document: EditableDocument) => delete document.info.title,
    ],
    [
      "with a dangling $ref",
      (document: EditableDocument) => {
        const listAccounts = document.paths["/accounts"]?.["get"];
        if (listAccounts !== undefined) {
          listAccounts.responses["200"] = {
            $ref: "#/components/responses/Missing",
          };
        }
      },
    ],
  ])("validator rejects a copy %s", async (_name, breakDocument) => {
    const text = await readFile(OPENAPI_FILE, "utf8");
    const document = parse(text) as EditableDocument;
    breakDocument(document);
    const dir = await writeTree({ "openapi.yaml": stringify(document) });
    await expect(
      SwaggerParser.validate(path.join(dir, "openapi.yaml")),
    ).rejects.toThrow();
  });

  test("exactly the guide's 19 operations", () => {
    const operations = listOperations().map(
      (operation) => `${operation.method} ${operation.path}`,
    );
    expect(operations).toHaveLength(19);
    expect(sorted(operations)).toEqual(sorted(GUIDE_OPERATIONS));
  });

  test("same operations as the emulator", () => {
    const operations = listOperations().map(
      (operation) => `${operation.method} /v1${operation.path}`,
    );
    const routes = ROUTES.map((route) => `${route.method} ${route.pattern}`);
    expect(sorted(operations)).toEqual(sorted(routes));
  });

  test("unique operation ids and summaries", async () => {
    const document = await readDocument();
    const operations = Object.values(document.paths).flatMap((item) =>
      Object.entries(item)
        .filter(([key]) => key !== "parameters")
        .map(([, operation]) => operation),
    );
    const ids = operations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(19);
    for (const operation of operations) {
      expect(operation.operationId, JSON.stringify(operation)).toMatch(
        /^[a-z][A-Za-z]+$/,
      );
      expect(operation.summary, operation.operationId).toMatch(/^\S.*\.$/);
    }
  });

  test("lists take page and per_page", async () => {
    const document = await readDocument();
    for (const operation of listOperations()) {
      const object = document.paths[operation.path]?.[
        operation.method.toLowerCase()
      ] as OperationObject;
      const query = (object.parameters ?? [])
        .map((parameter) =>
          parameter.$ref === undefined
            ? parameter
            : document.components.parameters[
                parameter.$ref.replace("#/components/parameters/", "")
              ],
        )
        .filter((parameter) => parameter?.in === "query")
        .map((parameter) => parameter?.name);
      const isList = LIST_OPERATIONS.includes(operation.operationId);
      expect(query.includes("page"), operation.operationId).toBe(isList);
      expect(query.includes("per_page"), operation.operationId).toBe(isList);
    }
  });

  test("every operation documents the error statuses", async () => {
    const document = await readDocument();
    for (const operation of listOperations()) {
      const object = document.paths[operation.path]?.[
        operation.method.toLowerCase()
      ] as OperationObject;
      for (const status of ERROR_STATUSES) {
        const reference = object.responses[status]?.$ref;
        expect(reference, `${operation.operationId} ${status}`).toMatch(
          /^#\/components\/responses\//,
        );
        const name = reference?.replace("#/components/responses/", "") ?? "";
        expect(document.components.responses[name]?.content).toEqual({
          "application/json": {
            schema: { $ref: "#/components/schemas/Error" },
          },
        });
      }
    }
  });

  test("scan and insight filters", async () => {
    const document = await readDocument();
    const queryNames = (template: string, method: string) =>
      (document.paths[template]?.[method]?.parameters ?? []).map(
        (parameter) =>
          document.components.parameters[
            (parameter.$ref ?? "").replace("#/components/parameters/", "")
          ]?.name,
      );
    const scans = "/accounts/{account_id}/repositories/{repository_id}/scans";
    expect(queryNames(scans, "get")).toEqual([
      "date_from",
      "date_to",
      "initiated_by",
      "result",
      "page",
      "per_page",
    ]);
    expect(queryNames(`${scans}/{id}`, "get")).toEqual(["findings_result"]);
    expect(queryNames("/accounts/{account_id}/insights", "get")).toEqual([
      "date",
    ]);
  });
});
