import { ConfigError } from "../config/diagnostics.js";
import { UserError } from "../errors.js";
import { plural } from "../plan/format-value.js";
import { formatDiagnostics } from "./diagnostics-output.js";
import { ExitCode } from "./exit-codes.js";
import { annotate } from "./annotations.js";
import type { CliContext } from "./context.js";

/**
 * Prints an error the way its kind calls for and returns the exit code:
 * config problems as located diagnostics, other user errors as one line and
 * a hint, and anything else as a bug with its stack trace.
 */
export function reportError(context: CliContext, error: unknown): ExitCode {
  const { output } = context;
  if (error instanceof ConfigError) {
    annotate(context, error.diagnostics);
    for (const line of formatDiagnostics(error.diagnostics).split("\n")) {
      output.detail(line);
    }
    const warnings = error.diagnostics.length - error.errorCount;
    const suffix = warnings > 0 ? ` and ${plural(warnings, "warning")}` : "";
    output.error(`${error.message}${suffix}`);
    return ExitCode.Error;
  }
  if (error instanceof UserError) {
    output.error(error.message, error.hint);
    return ExitCode.Error;
  }
  const detail =
    error instanceof Error ? (error.stack ?? error.message) : String(error);
  output.error(`internal error: ${detail}`);
  output.detail(
    "This is a bug in dryrun-config; please report it with the output above.",
  );
  return ExitCode.Error;
}
