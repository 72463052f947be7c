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
      ? `${diagnostic.location.file}:${diagnostic.location.line}:${diagnostic.location.column}: `
      : "";
    lines.push(`${where}${diagnostic.severity}: ${diagnostic.message}`);
    if (diagnostic.hint) lines.push(`  hint: ${diagnostic.hint}`);
  }
  return lines.join("\n");
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}
