import {
  ConfigError,
  hasErrors,
  sortDiagnostics,
  type Diagnostic,
} from "./diagnostics.js";
import type { DesiredState } from "./desired.js";
import { loadSourceDocuments } from "./load.js";
import { normalize } from "./normalize.js";
import { runOfflineRules } from "./rules.js";
import { validateSchema } from "./schema.js";

export interface ValidationResult {
  /** Undefined when any file failed to parse or to match the schema. */
  state: DesiredState | undefined;
  /** Every problem found, sorted by file, line and column. */
  diagnostics: Diagnostic[];
  files: string[];
}

/**
 * Loads and validates the config directory without calling the API: YAML
 * syntax, the schema, then the offline rules, collecting every problem of
 * every file rather than stopping at the first.
 */
export async function validateDirectory(
  directory: string,
): Promise<ValidationResult> {
  const loaded = await loadSourceDocuments(directory);
  const diagnostics = [...loaded.diagnostics];
  const files = [
    ...new Set([
      ...loaded.documents.map((document) => document.file),
      // A skipped dot-file is named in a warning, but it was not checked.
      ...loaded.diagnostics.flatMap((d) =>
        d.location && d.rule !== "skipped-dot-file" ? [d.location.file] : [],
      ),
    ]),
  ].sort();

  const valid = loaded.documents.filter((document) => {
    const problems = validateSchema(document);
    diagnostics.push(...problems);
    return problems.length === 0;
  });
  const allValid = !hasErrors(diagnostics);

  // The rules also run on the valid files when others are broken, so that one
  // run reports everything. A configuration in a broken file is unknown then,
  // so "not declared" could be wrong and is left out.
  const normalized = normalize(valid);
  diagnostics.push(...normalized.diagnostics);
  diagnostics.push(
    ...runOfflineRules(normalized.state).filter(
      (diagnostic) =>
        allValid || diagnostic.rule !== "undeclared-default-configuration",
    ),
  );
  return {
    state: allValid ? normalized.state : undefined,
    diagnostics: sortDiagnostics(diagnostics),
    files,
  };
}

/** Like validateDirectory, but raises a ConfigError on any error. */
export async function loadDesiredState(directory: string): Promise<{
  state: DesiredState;
  warnings: Diagnostic[];
  files: string[];
}> {
  const result = await validateDirectory(directory);
  if (result.state === undefined || hasErrors(result.diagnostics)) {
    throw new ConfigError(result.diagnostics);
  }
  return {
    state: result.state,
    warnings: result.diagnostics,
    files: result.files,
  };
}

export * from "./desired.js";
export * from "./diagnostics.js";
