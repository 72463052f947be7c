/** Shape checks shared by the handlers that read a JSON request body. */
import { HttpError, type ValidationProblems } from "./http-error.js";
import { describeValue, isPlainObject, joinPath } from "./values.js";

/** Throws 422 unless the body is a JSON object; returns its fields. */
export function requireObjectBody(body: unknown): Record<string, unknown> {
  if (!isPlainObject(body)) {
    throw new HttpError(
      422,
      `request body must be a JSON object, got ${describeValue(body)}`,
    );
  }
  return body;
}

/** Adds a problem for every field of `value` not in `known`. */
export function rejectUnknownFields(
  value: Record<string, unknown>,
  path: string,
  known: readonly string[],
  problems: ValidationProblems,
): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      problems.add(
        `${joinPath(path, key)} is not a known field (known: ${known.join(", ")})`,
      );
    }
  }
}
