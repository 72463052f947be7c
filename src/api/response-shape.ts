import { isRecord } from "../util/record.js";
import { ApiError } from "./errors.js";

/** Where a response came from, for messages about its shape. */
export interface ResponseSource {
  method: string;
  path: string;
}

/**
 * Raises an ApiError saying that a response lacks a field the tool relies
 * on, naming the field's JSON path and what was expected there.
 */
export function unexpectedShape(
  source: ResponseSource,
  fieldPath: string,
  expected: string,
  found: unknown,
): never {
  const description = found === undefined ? "missing" : describe(found);
  throw new ApiError("returned a response of an unexpected shape", {
    ...source,
    apiMessage: `${fieldPath} is ${description}, expected ${expected}`,
    hint: "check that --api-url points at the DryRun Simple API",
  });
}

export function requireRecord(
  value: unknown,
  source: ResponseSource,
  fieldPath: string,
): Record<string, unknown> {
  if (!isRecord(value)) unexpectedShape(source, fieldPath, "an object", value);
  return value;
}

export function requireString(
  record: Record<string, unknown>,
  key: string,
  source: ResponseSource,
  fieldPath: string,
): string {
  const value = record[key];
  if (typeof value !== "string") {
    unexpectedShape(source, `${fieldPath}.${key}`, "a string", value);
  }
  return value;
}

/**
 * Returns the object of a single-object response, whether the API wraps it
 * in `data` or sends it bare.
 */
export function unwrapObject(
  body: unknown,
  source: ResponseSource,
): Record<string, unknown> {
  const record = requireRecord(body, source, "body");
  return isRecord(record.data) ? record.data : record;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}
