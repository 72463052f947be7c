/**
 * Reads seed and state files and validates them against
 * schemas/emulator-seed.schema.json, then against the rules of
 * seed-checks.ts.
 */
import { readFile } from "node:fs/promises";
import type { ErrorObject } from "ajv";
import { schemaValidator } from "../util/schemas.js";
import type { SeedFile } from "./seed.js";
import { checkSeedReferences, type SeedProblem } from "./seed-checks.js";
import { SeedError } from "./seed-error.js";
import { describeValue } from "./values.js";

const FIX_HINT =
  "Fix each field listed above; schemas/emulator-seed.schema.json defines the format.";

/**
 * Reads a seed or state file and validates it; throws SeedError. `kind`
 * names the file in messages: "seed file" or "state file".
 */
export async function loadSeedFile(
  path: string,
  kind: "seed file" | "state file" = "seed file",
): Promise<SeedFile> {
  // A broken state file is the emulator's own, so starting over is a fix.
  const restart =
    kind === "state file" ? " Or delete it to start again from the seed." : "";
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new SeedError(
      `${path}: cannot read the ${kind}: ${errorMessage(error)}. Check the path and the file's permissions.`,
      { cause: error },
    );
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new SeedError(
      `${path}: the ${kind} is not valid JSON: ${errorMessage(error)}. Fix the syntax and try again.${restart}`,
      { cause: error },
    );
  }
  return parseSeed(value, path);
}

/**
 * Validates an already parsed seed; `source` names it in messages. Returns
 * the same value, typed, or throws SeedError listing every problem.
 */
export function parseSeed(value: unknown, source: string): SeedFile {
  const validate = schemaValidator<SeedFile>("emulator-seed.schema.json");
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map(describeSchemaError);
    throw new SeedError(formatProblems(source, problems));
  }

  const problems = checkSeedReferences(value);
  if (problems.length > 0) {
    throw new SeedError(formatProblems(source, problems));
  }
  return value;
}

function formatProblems(source: string, problems: SeedProblem[]): string {
  const lines = problems.map((problem) =>
    problem.path === ""
      ? `  ${source}: ${problem.message}`
      : `  ${source}: ${problem.path}: ${problem.message}`,
  );
  const count =
    problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  return [
    `${source} is not a valid emulator seed (${count}):`,
    ...lines,
    FIX_HINT,
  ].join("\n");
}

/** Turns one ajv error into a problem with a path and a plain message. */
function describeSchemaError(error: ErrorObject): SeedProblem {
  const path = toDottedPath(error.instancePath);
  if (error.keyword === "required") {
    const field = String(error.params["missingProperty"]);
    return {
      path: path === "" ? field : `${path}.${field}`,
      message: "is required",
    };
  }
  return { path, message: schemaErrorMessage(error) };
}

function schemaErrorMessage(error: ErrorObject): string {
  const got = `, got ${describeValue(error.data)}`;
  switch (error.keyword) {
    case "type":
      return `must be ${describeTypes(error.params["type"])}${got}`;
    case "format":
      return `${describeFormat(String(error.params["format"]))}${got}`;
    case "enum": {
      const allowed = error.params["allowedValues"] as unknown[];
      return `must be one of ${allowed.join(", ")}${got}`;
    }
    case "minItems":
    case "minLength":
      return "must not be empty";
    case "minimum":
      return `must be ${String(error.params["limit"])} or more${got}`;
    default:
      return error.message ?? `fails the ${error.keyword} rule`;
  }
}

/** Converts a JSON pointer such as `/accounts/0/id` to `accounts[0].id`. */
function toDottedPath(pointer: string): string {
  let path = "";
  for (const escaped of pointer.split("/").slice(1)) {
    const segment = escaped.replaceAll("~1", "/").replaceAll("~0", "~");
    if (/^\d+$/.test(segment)) {
      path += `[${segment}]`;
    } else {
      path = path === "" ? segment : `${path}.${segment}`;
    }
  }
  return path;
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  integer: "an integer",
  number: "a number",
  boolean: "a boolean",
  object: "an object",
  array: "an array",
  null: "null",
};

function describeTypes(types: unknown): string {
  const list = Array.isArray(types) ? types : String(types).split(",");
  return list
    .map((type) => TYPE_NAMES[String(type)] ?? String(type))
    .join(" or ");
}

function describeFormat(format: string): string {
  switch (format) {
    case "uuid":
      return "must be a UUID such as 12345678-1234-1234-1234-1234567890ab";
    case "date-time":
      return "must be an ISO 8601 date and time with a time zone, such as 2026-03-03T00:00:00Z";
    case "date":
      return "must be a date in YYYY-MM-DD form";
    default:
      return `must match the ${format} format`;
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
