import type { ErrorObject } from "ajv";
import { schemaValidator } from "../util/schemas.js";
import type { Diagnostic } from "./diagnostics.js";
import { describeSchemaError } from "./schema-messages.js";
import { locate, type NodePath, type SourceDocument } from "./source.js";

/**
 * Checks a parsed file against the config schema and returns one diagnostic
 * per problem, each located at the offending node. An empty or comment-only
 * file declares nothing and is valid.
 */
export function validateSchema(source: SourceDocument): Diagnostic[] {
  if (source.value === null || source.value === undefined) return [];
  const validate = schemaValidator("config.schema.json");
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
