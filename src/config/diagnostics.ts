import { UserError } from "../errors.js";

/** A place in a config file; line and column count from 1. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export type Severity = "error" | "warning";

/** One problem found in the config files, with where it is and the fix. */
export interface Diagnostic {
  severity: Severity;
  /** The rule that found it, such as `duplicate-configuration-name`. */
  rule: string;
  message: string;
  location?: SourceLocation;
  hint?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === "error");
}

/** Orders diagnostics by file, line and column, errors before warnings. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]) {
  return [...diagnostics].sort(compareDiagnostics);
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  const fileA = a.location?.file ?? "";
  const fileB = b.location?.file ?? "";
  if (fileA !== fileB) return fileA < fileB ? -1 : 1;
  return (
    (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
    (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
    (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1)
  );
}

/** The config files have errors; each one is in `diagnostics`. */
export class ConfigError extends UserError {
  override readonly name: string = "ConfigError";
  readonly diagnostics: readonly Diagnostic[];
  readonly errorCount: number;

  constructor(diagnostics: readonly Diagnostic[]) {
    const count = diagnostics.filter((d) => d.severity === "error").length;
    super(`the config files have ${count} error${count === 1 ? "" : "s"}`);
    this.diagnostics = sortDiagnostics(diagnostics);
    this.errorCount = count;
  }
}
