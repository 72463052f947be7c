import { hasErrors, validateDirectory } from "../../config/index.js";
import type { CliContext } from "../context.js";
import { countDiagnostics, formatDiagnostics } from "../diagnostics-output.js";
import { ExitCode } from "../exit-codes.js";
import { plural } from "../../plan/format-value.js";

export interface ValidateArgs {
  dir: string;
}

/**
 * Checks the config directory offline, with no API key, and prints every
 * problem found. Exits 1 on any error; warnings alone exit 0.
 */
export async function runValidate(
  args: ValidateArgs,
  context: CliContext,
): Promise<ExitCode> {
  const result = await validateDirectory(args.dir);
  const { output } = context;
  if (result.diagnostics.length > 0) {
    output.result(`${formatDiagnostics(result.diagnostics)}\n`);
  }
  const files = plural(result.files.length, "file");
  output.result(`${files} checked: ${countDiagnostics(result.diagnostics)}.\n`);
  return hasErrors(result.diagnostics) ? ExitCode.Error : ExitCode.Ok;
}
