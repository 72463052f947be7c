import type { Diagnostic } from "../config/index.js";
import { formatDiagnostics } from "./diagnostics-output.js";
import { annotate } from "./annotations.js";
import type { CliContext } from "./context.js";

/** Prints the warnings found while planning to stderr. */
export function printWarnings(
  context: CliContext,
  warnings: readonly Diagnostic[],
): void {
  if (warnings.length === 0) return;
  annotate(context, warnings);
  const lines = formatDiagnostics(warnings).split("\n");
  for (const line of lines) context.output.detail(line);
}
