import type { ErrorObject } from "ajv";
import { readSchema } from "../util/schemas.js";
import { closestMatches, didYouMean } from "../util/suggest.js";
import { formatPath, type NodePath } from "./source.js";

export interface SchemaErrorDescription {
  message: string;
  hint?: string;
  /** The node the message is about; for an unknown field, the field. */
  path: NodePath;
  pointsAtKey: boolean;
}

/** Strings that YAML 1.1 read as booleans but YAML 1.2 reads as strings. */
const YAML11_BOOLEANS = new Set(["yes", "no", "on", "off", "y", "n"]);

/**
 * Turns an ajv error into a sentence that names the field, what was expected
 * and what was found, with a hint where the fix is known.
 */
export function describeSchemaError(
  error: ErrorObject,
  path: NodePath,
): SchemaErrorDescription {
  const where = formatPath(path) || "the file";
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "type":
      return describeTypeError(where, path, params.type, error.data);
    case "required": {
      const field = String(params.missingProperty);
      const prefix = path.length === 0 ? "" : `${where}: `;
      return {
        message: `${prefix}missing required field "${field}"`,
        hint: `add \`${field}:\``,
        path,
        pointsAtKey: false,
      };
    }
    case "additionalProperties":
      return describeUnknownField(where, path, params, error.parentSchema);
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(show);
      return {
        message: `${where}: must be one of ${allowed.join(", ")}, found ${show(error.data)}`,
        path,
        pointsAtKey: false,
      };
    }
    case "minimum":
    case "maximum": {
      const bound = error.keyword === "minimum" ? "at least" : "at most";
      return {
        message: `${where}: must be ${bound} ${String(params.limit)}, found ${show(error.data)}`,
        path,
        pointsAtKey: false,
      };
    }
    case "minLength":
      return {
        message: `${where}: must not be empty`,
        path,
        pointsAtKey: false,
      };
    case "format":
      return {
        message: `${where}: ${show(error.data)} is not a valid ${String(params.format).toUpperCase()}`,
        hint: "repository ids are UUIDs; list repositories by name under `names`",
        path,
        pointsAtKey: false,
      };
    default:
      return {
        message: `${where}: ${error.message ?? "is invalid"}`,
        path,
        pointsAtKey: false,
      };
  }
}

function describeTypeError(
  where: string,
  path: NodePath,
  expectedType: unknown,
  found: unknown,
): SchemaErrorDescription {
  const expected = (Array.isArray(expectedType) ? expectedType : [expectedType])
    .map((type) => TYPE_NAMES[String(type)] ?? String(type))
    .join(" or ");
  const message =
    path.length === 0
      ? `the file must be a map of account, settings and configurations, but it is ${describeValue(found)}`
      : `${where}: expected ${expected}, found ${describeValue(found)}`;
  return {
    message,
    hint: typeHint(expectedType, found, path.at(-1)),
    path,
    pointsAtKey: false,
  };
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "a boolean",
  array: "a list",
  object: "a map",
  null: "null",
};

function typeHint(
  expectedType: unknown,
  found: unknown,
  key: string | number | undefined,
): string | undefined {
  const expected = Array.isArray(expectedType) ? expectedType : [expectedType];
  if (found === null) {
    const remove =
      typeof key === "string" && requiredKeys().has(key)
        ? ""
        : ", or remove the key";
    if (expected.includes("array"))
      return `write [] for an empty list${remove}`;
    if (expected.includes("object"))
      return `write {} for an empty map${remove}`;
    return `write a value after the colon${remove}`;
  }
  if (typeof found !== "string") return undefined;
  if (
    expected.includes("boolean") &&
    YAML11_BOOLEANS.has(found.toLowerCase())
  ) {
    return `YAML 1.2 reads ${found} as a string; write true or false`;
  }
  if (
    (expected.includes("integer") || expected.includes("number")) &&
    found.trim() !== "" &&
    !Number.isNaN(Number(found))
  ) {
    return "remove the quotes to write a number";
  }
  return undefined;
}

function describeUnknownField(
  where: string,
  path: NodePath,
  params: Record<string, unknown>,
  parentSchema: unknown,
): SchemaErrorDescription {
  const field = String(params.additionalProperty);
  const known = Object.keys(
    (parentSchema as { properties?: object } | undefined)?.properties ?? {},
  );
  const suggestion = didYouMean(closestMatches(field, known));
  const allowed = `the fields allowed here are ${known.join(", ")}`;
  return {
    message: `${where === "the file" ? "" : `${where}: `}unknown field "${field}"`,
    hint: suggestion ?? allowed,
    path: [...path, field],
    pointsAtKey: true,
  };
}

/** Describes a value with its type: the string "2", the number 2, null. */
export function describeValue(value: unknown): string {
  if (value === null) return "null (an empty value)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  return `the ${typeof value} ${show(value)}`;
}

/** Longest excerpt of a value that a message quotes. */
const MAX_SHOWN_LENGTH = 60;

function show(value: unknown): string {
  // JSON writes infinity and NaN as null, so they are spelled as in YAML.
  if (typeof value === "number" && Number.isNaN(value)) return ".nan";
  if (value === Number.POSITIVE_INFINITY) return ".inf";
  if (value === Number.NEGATIVE_INFINITY) return "-.inf";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_SHOWN_LENGTH
    ? `${text.slice(0, MAX_SHOWN_LENGTH)}…`
    : text;
}

let required: Set<string> | undefined;

/** Collects the keys that the config schema requires anywhere. */
function requiredKeys(): Set<string> {
  if (required !== undefined) return required;
  required = new Set();
  const pending: unknown[] = [readSchema("config.schema.json")];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next !== "object" || next === null) continue;
    const keys = (next as { required?: unknown }).required;
    if (Array.isArray(keys)) for (const key of keys) required.add(String(key));
    pending.push(...Object.values(next));
  }
  return required;
}
