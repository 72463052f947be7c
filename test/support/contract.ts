/**
 * Checks exchanges recorded by the emulator against schemas/openapi.yaml.
 * Each request must be an operation of the document, and each request that
 * the emulator accepted must send the documented body and query parameters.
 * Each response body must match the schema of its status.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  Ajv2020,
  type ErrorObject,
  type ValidateFunction,
} from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";
import type { RecordedRequest } from "../../src/emulator/index.js";
import { ROOT } from "./cli.js";

// ajv-formats is CommonJS, so its default export sits on `.default` under
// NodeNext module resolution.
const addFormats = addFormatsModule.default;

export const OPENAPI_FILE = path.join(ROOT, "schemas", "openapi.yaml");

/**
 * Base URI of the document in Ajv, which its `#/components/...` references
 * resolve against.
 */
const DOCUMENT_ID = pathToFileURL(OPENAPI_FILE).href;

const HTTP_METHODS = ["get", "put", "post", "delete", "patch"] as const;

/**
 * Top-level fields of an OpenAPI document. Ajv compiles the whole document
 * when a reference points into it, so these are declared as keywords that
 * validate nothing. Strict mode still rejects unknown keywords in schemas.
 */
const DOCUMENT_KEYWORDS = [
  "openapi",
  "info",
  "jsonSchemaDialect",
  "servers",
  "paths",
  "webhooks",
  "components",
  "security",
  "tags",
  "externalDocs",
];

/** Prefix of the `error` message in the emulator's `status` fault replies. */
const INJECTED_FAULT_MESSAGE = /^injected fault \d+: /;

/** One operation of the document, located by JSON pointer. */
export interface Operation {
  operationId: string;
  /** In upper case, as the emulator records it. */
  method: string;
  /** Path template under the server URL, such as `/accounts/{account_id}`. */
  path: string;
  /** JSON pointer to the operation object in the document. */
  pointer: string;
}

interface Contract {
  document: Record<string, unknown>;
  /** Path of the server URL, such as `/v1`, which recorded paths start with. */
  basePath: string;
  operations: Operation[];
  ajv: Ajv2020;
  validators: Map<string, ValidateFunction>;
}

let contract: Contract | undefined;

/** Reads and prepares schemas/openapi.yaml on first use. */
function loadContract(): Contract {
  if (contract !== undefined) {
    return contract;
  }
  const document = parse(readFileSync(OPENAPI_FILE, "utf8")) as Record<
    string,
    unknown
  >;
  // Strict about unknown keywords, to catch typos in the document, but not
  // about `required` or `anyOf` branches that name no types, because list
  // pages use both to express where their page information sits.
  const ajv = new Ajv2020({
    allErrors: true,
    strictSchema: true,
    strictTypes: false,
    strictRequired: false,
  });
  addFormats(ajv);
  ajv.addVocabulary(DOCUMENT_KEYWORDS);
  ajv.addSchema(document, DOCUMENT_ID);

  contract = {
    document,
    basePath: readBasePath(document),
    operations: readOperations(document),
    ajv,
    validators: new Map(),
  };
  return contract;
}

function readBasePath(document: Record<string, unknown>): string {
  const servers = document["servers"] as { url: string }[] | undefined;
  const url = servers?.[0]?.url;
  if (url === undefined) {
    throw new Error(`${OPENAPI_FILE} has no servers[0].url`);
  }
  return new URL(url).pathname.replace(/\/$/, "");
}

function readOperations(document: Record<string, unknown>): Operation[] {
  const paths = document["paths"] as Record<string, Record<string, unknown>>;
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as { operationId?: string } | undefined;
      if (operation === undefined) {
        continue;
      }
      operations.push({
        operationId: operation.operationId ?? `${method} ${template}`,
        method: method.toUpperCase(),
        path: template,
        pointer: `/paths/${escapePointer(template)}/${method}`,
      });
    }
  }
  return operations;
}

/** Returns every operation of schemas/openapi.yaml, in document order. */
export function listOperations(): readonly Operation[] {
  return loadContract().operations;
}

/**
 * Finds the operation of a method and a request path such as
 * `/v1/accounts/ID`. When several path templates match, the one with the
 * most literal segments wins, so `configurations/bulk_update` never matches
 * `configurations/{id}`. The method must then be one of that template's.
 */
export function findOperation(
  method: string,
  requestPath: string,
): Operation | undefined {
  const { basePath, operations } = loadContract();
  if (!requestPath.startsWith(`${basePath}/`)) {
    return undefined;
  }
  const segments = requestPath.slice(basePath.length).split("/").slice(1);
  let best: string | undefined;
  let bestLiterals = -1;
  for (const template of new Set(operations.map((o) => o.path))) {
    const literals = matchTemplate(template, segments);
    if (literals !== undefined && literals > bestLiterals) {
      best = template;
      bestLiterals = literals;
    }
  }
  return operations.find(
    (operation) =>
      operation.path === best && operation.method === method.toUpperCase(),
  );
}

/**
 * Returns the number of literal segments of a template that matches the
 * path segments, or undefined when it does not match.
 */
function matchTemplate(
  template: string,
  segments: readonly string[],
): number | undefined {
  const parts = template.split("/").slice(1);
  if (parts.length !== segments.length) {
    return undefined;
  }
  let literals = 0;
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] ?? "";
    if (part.startsWith("{") && part.endsWith("}")) {
      if (segment === "") {
        return undefined;
      }
    } else if (part === segment) {
      literals += 1;
    } else {
      return undefined;
    }
  }
  return literals;
}

/**
 * Tells whether a fault shaped the exchange: a dropped connection (status
 * 0) or the reply of a `status` fault, whose error message the emulator
 * starts with "injected fault N: ".
 */
export function isFaulted(recorded: RecordedRequest): boolean {
  if (recorded.status === 0) {
    return true;
  }
  const body = recorded.response.body;
  return (
    typeof body === "object" &&
    body !== null &&
    "error" in body &&
    typeof body.error === "string" &&
    INJECTED_FAULT_MESSAGE.test(body.error)
  );
}

/**
 * Returns every way in which a recorded exchange breaks
 * schemas/openapi.yaml, each as "METHOD PATH STATUS (operation): problem",
 * or an empty list when it conforms. Faulted exchanges are skipped. The
 * request is checked only when the emulator responded with 2xx, because
 * tests send invalid requests on purpose.
 */
export function checkExchange(recorded: RecordedRequest): string[] {
  if (isFaulted(recorded)) {
    return [];
  }
  const label = `${recorded.method} ${recorded.path} ${recorded.status}`;
  const operation = findOperation(recorded.method, recorded.path);
  if (operation === undefined) {
    return [
      `${label}: no operation of schemas/openapi.yaml has this method and path`,
    ];
  }

  const problems: string[] = [];
  if (recorded.status >= 200 && recorded.status < 300) {
    problems.push(...checkQuery(operation, recorded.query));
    problems.push(...checkRequestBody(operation, recorded.body));
  }
  problems.push(...checkResponse(operation, recorded.response));
  return problems.map(
    (problem) => `${label} (${operation.operationId}): ${problem}`,
  );
}

function checkQuery(
  operation: Operation,
  query: Record<string, string>,
): string[] {
  const names = new Set(
    operationParameters(operation)
      .filter((parameter) => parameter.in === "query")
      .map((parameter) => parameter.name),
  );
  return Object.keys(query)
    .filter((name) => !names.has(name))
    .map((name) => `query parameter ${JSON.stringify(name)} is not documented`);
}

/** Returns the path-level and operation-level parameters, resolved. */
function operationParameters(
  operation: Operation,
): { name: string; in: string }[] {
  const pathPointer = `/paths/${escapePointer(operation.path)}`;
  const entries = [
    ...readArray(`${pathPointer}/parameters`),
    ...readArray(`${operation.pointer}/parameters`),
  ];
  return entries.map(
    (entry) => resolve(entry).value as { name: string; in: string },
  );
}

function readArray(pointer: string): { value: unknown; pointer: string }[] {
  const value = valueAt(pointer);
  if (!Array.isArray(value)) {
    return [];
  }
  return value.map((item, index) => ({
    value: item,
    pointer: `${pointer}/${index}`,
  }));
}

function checkRequestBody(operation: Operation, body: unknown): string[] {
  const requestBody = valueAt(`${operation.pointer}/requestBody`);
  if (requestBody === undefined) {
    return body === undefined
      ? []
      : ["request has a body, but the operation takes none"];
  }
  const resolved = resolve({
    value: requestBody,
    pointer: `${operation.pointer}/requestBody`,
  });
  if (body === undefined) {
    const required = (resolved.value as { required?: boolean }).required;
    return required === true ? ["request has no JSON body"] : [];
  }
  const schemaPointer = `${resolved.pointer}/content/application~1json/schema`;
  return validate(schemaPointer, body, "request body");
}

function checkResponse(
  operation: Operation,
  response: RecordedRequest["response"],
): string[] {
  const responses = `${operation.pointer}/responses`;
  const range = `${Math.floor(response.status / 100)}XX`;
  const key = [String(response.status), range, "default"].find(
    (candidate) => valueAt(`${responses}/${candidate}`) !== undefined,
  );
  if (key === undefined) {
    return [`status ${response.status} is not a documented response`];
  }
  const resolved = resolve({
    value: valueAt(`${responses}/${key}`),
    pointer: `${responses}/${key}`,
  });
  const schemaPointer = `${resolved.pointer}/content/application~1json/schema`;
  if (valueAt(schemaPointer) === undefined) {
    return response.body === undefined
      ? []
      : [`response has a body, but status ${key} documents none`];
  }
  if (response.body === undefined) {
    return ["response has no JSON body"];
  }
  return validate(schemaPointer, response.body, "response body");
}

/** Validates a value against the schema at a JSON pointer of the document. */
function validate(pointer: string, value: unknown, subject: string): string[] {
  const { ajv, validators } = loadContract();
  let validator = validators.get(pointer);
  if (validator === undefined) {
    validator = ajv.getSchema(`${DOCUMENT_ID}#${pointer}`);
    if (validator === undefined) {
      throw new Error(`${OPENAPI_FILE}: no schema at #${pointer}`);
    }
    validators.set(pointer, validator);
  }
  if (validator(value)) {
    return [];
  }
  const messages = (validator.errors ?? []).map(
    (error) => `${subject} ${describeError(error)}`,
  );
  return [...new Set(messages)];
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === "" ? "" : `at ${error.instancePath} `;
  const params = error.params as Record<string, unknown>;
  const property =
    params["additionalProperty"] ?? params["unevaluatedProperty"];
  const detail =
    typeof property === "string" ? ` (${JSON.stringify(property)})` : "";
  return `${where}${error.message ?? error.keyword}${detail}`;
}

/**
 * Follows `$ref`s between document objects that are not schemas, such as
 * `#/components/responses/NotFound`, and returns the object and its
 * pointer.
 */
function resolve(entry: { value: unknown; pointer: string }): {
  value: unknown;
  pointer: string;
} {
  let current = entry;
  const seen = new Set<string>();
  while (isReference(current.value)) {
    const target = current.value.$ref;
    if (!target.startsWith("#/") || seen.has(target)) {
      throw new Error(`${OPENAPI_FILE}: cannot resolve $ref ${target}`);
    }
    seen.add(target);
    const pointer = target.slice(1);
    current = { value: valueAt(pointer), pointer };
  }
  return current;
}

function isReference(value: unknown): value is { $ref: string } {
  return (
    typeof value === "object" &&
    value !== null &&
    "$ref" in value &&
    typeof value.$ref === "string"
  );
}

/** Reads the value at a JSON pointer of the document; undefined if absent. */
function valueAt(pointer: string): unknown {
  let value: unknown = loadContract().document;
  for (const part of pointer.split("/").slice(1)) {
    if (typeof value !== "object" || value === null) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[unescapePointer(part)];
  }
  return value;
}

function escapePointer(part: string): string {
  return part.replaceAll("~", "~0").replaceAll("/", "~1");
}

function unescapePointer(part: string): string {
  return part.replaceAll("~1", "/").replaceAll("~0", "~");
}
