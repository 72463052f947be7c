import type { Diagnostic } from "../config/index.js";
import { formatDiagnostics } from "./diagnostics-output.js";
import type { Output } from "./output.js";

/** Prints the warnings found while planning to stderr. */
export function printWarnings(output: Output, warnings: readonly Diagnostic[]) {
  if (warnings.length === 0) return;
  for (const line of formatDiagnostics(warnings).split("\n")) output.info(line);
}
