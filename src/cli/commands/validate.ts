import { hasErrors, validateDirectory } from "../../config/index.js";
import { plural } from "../../plan/format-value.js";
import { annotate } from "../annotations.js";
import type { CliContext } from "../context.js";
import {
  countDiagnostics,
  diagnosticsToJson,
  formatDiagnostics,
} from "../diagnostics-output.js";
import { ExitCode } from "../exit-codes.js";

export interface ValidateArgs {
  dir: string;
  format: "text" | "json";
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
  const { diagnostics } = result;
  annotate(context, diagnostics);

  if (args.format === "json") {
    const errors = diagnostics.filter((d) => d.severity === "error").length;
    const report = {
      files: result.files,
      errors,
      warnings: diagnostics.length - errors,
      diagnostics: diagnosticsToJson(diagnostics),
    };
    output.result(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    if (diagnostics.length > 0) {
      output.result(`${formatDiagnostics(diagnostics)}\n`);
    }
    const files = plural(result.files.length, "file");
    output.result(`${files} checked: ${countDiagnostics(diagnostics)}.\n`);
  }
  return hasErrors(diagnostics) ? ExitCode.Error : ExitCode.Ok;
}
