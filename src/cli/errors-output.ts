import { ConfigError } from "../config/index.js";
import { UserError } from "../errors.js";
import { countDiagnostics, formatDiagnostics } from "./diagnostics-output.js";
import { ExitCode } from "./exit-codes.js";
import type { Output } from "./output.js";

/**
 * Prints an error the way its kind calls for and returns the exit code:
 * config problems as located diagnostics, other user errors as one line and
 * a hint, and anything else as a bug with its stack trace.
 */
export function reportError(output: Output, error: unknown): ExitCode {
  if (error instanceof ConfigError) {
    for (const line of formatDiagnostics(error.diagnostics).split("\n")) {
      output.info(line);
    }
    output.error(`${error.message} (${countDiagnostics(error.diagnostics)})`);
    return ExitCode.Error;
  }
  if (error instanceof UserError) {
    output.error(error.message, error.hint);
    return ExitCode.Error;
  }
  const detail =
    error instanceof Error ? (error.stack ?? error.message) : String(error);
  output.error(`internal error: ${detail}`);
  output.info(
    "This is a bug in dryrun-config; please report it with the output above.",
  );
  return ExitCode.Error;
}
