import type { Diagnostic } from "../config/index.js";
import type { CliContext } from "./context.js";
import { formatAnnotations } from "./diagnostics-output.js";

/**
 * Writes diagnostics as GitHub Actions annotations on stderr when running
 * in GitHub Actions (`GITHUB_ACTIONS=true`), and does nothing elsewhere.
 */
export function annotate(
  context: CliContext,
  diagnostics: readonly Diagnostic[],
): void {
  if (context.env.GITHUB_ACTIONS !== "true") return;
  for (const line of formatAnnotations(diagnostics)) {
    context.output.detail(line);
  }
}
