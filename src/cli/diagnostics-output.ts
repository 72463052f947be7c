import { displayName } from "../util/display-path.js";
import type { Diagnostic } from "../config/index.js";
import { plural } from "../plan/format-value.js";

/**
 * Formats diagnostics as `file:line:col: error: message`, each followed by a
 * `hint:` line where a fix is known, and ends with the counts.
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const lines: string[] = [];
  for (const diagnostic of diagnostics) {
    const where = diagnostic.location
      ? `${displayName(diagnostic.location.file)}:${diagnostic.location.line}:${diagnostic.location.column}: `
      : "";
    lines.push(
      `${where}${diagnostic.severity}: ${displayName(diagnostic.message)}`,
    );
    if (diagnostic.hint) lines.push(`  hint: ${diagnostic.hint}`);
  }
  return lines.join("\n");
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}

/**
 * Formats diagnostics as GitHub Actions workflow commands, which the runner
 * shows as annotations on the pull request's files.
 */
export function formatAnnotations(
  diagnostics: readonly Diagnostic[],
): string[] {
  return diagnostics.map((diagnostic) => {
    const properties = diagnostic.location
      ? ` file=${escapeProperty(diagnostic.location.file)},line=${diagnostic.location.line},col=${diagnostic.location.column}`
      : "";
    const text = diagnostic.hint
      ? `${diagnostic.message}\n${diagnostic.hint}`
      : diagnostic.message;
    return `::${diagnostic.severity}${properties}::${escapeData(text)}`;
  });
}

/** Escapes a workflow command's message as the Actions runner expects. */
function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** Diagnostics as JSON, for `--format json`. */
export function diagnosticsToJson(diagnostics: readonly Diagnostic[]) {
  return diagnostics.map((diagnostic) => ({
    severity: diagnostic.severity,
    rule: diagnostic.rule,
    message: diagnostic.message,
    file: diagnostic.location?.file ?? null,
    line: diagnostic.location?.line ?? null,
    column: diagnostic.location?.column ?? null,
    hint: diagnostic.hint ?? null,
  }));
}
