import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import formats from "ajv-formats";
import type { Diagnostic } from "./diagnostics.js";
import { describeSchemaError } from "./schema-messages.js";
import { locate, type NodePath, type SourceDocument } from "./source.js";

const SCHEMA_URL = new URL("../../schemas/config.schema.json", import.meta.url);

let compiled: ValidateFunction | undefined;

/** Compiles `schemas/config.schema.json` once, the format's single source. */
function validator(): ValidateFunction {
  if (compiled === undefined) {
    const schema = JSON.parse(readFileSync(SCHEMA_URL, "utf8")) as object;
    const ajv = new Ajv({
      allErrors: true,
      verbose: true,
      strict: true,
      allowUnionTypes: true,
    });
    formats.default(ajv);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/**
 * Checks a parsed file against the config schema and returns one diagnostic
 * per problem, each located at the offending node. An empty or comment-only
 * file declares nothing and is valid.
 */
export function validateSchema(source: SourceDocument): Diagnostic[] {
  if (source.value === null || source.value === undefined) return [];
  const validate = validator();
  if (validate(source.value)) return [];
  return (validate.errors ?? []).map((error) => toDiagnostic(source, error));
}

function toDiagnostic(source: SourceDocument, error: ErrorObject): Diagnostic {
  const path = pointerToPath(error.instancePath);
  const description = describeSchemaError(error, path);
  const location = locate(
    source,
    description.path,
    description.pointsAtKey ? "key" : "value",
  );
  return {
    severity: "error",
    rule: `schema-${error.keyword}`,
    message: description.message,
    location,
    ...(description.hint ? { hint: description.hint } : {}),
  };
}

/** Converts a JSON pointer such as `/configurations/0/name` to a path. */
function pointerToPath(pointer: string): NodePath {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}
