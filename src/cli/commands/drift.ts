import {
  countDrifted,
  driftOf,
  renderDriftJson,
  renderDriftMarkdown,
  renderDriftText,
} from "../../plan/index.js";
import { colorizeDrift } from "../colorize.js";
import { connect } from "../connection.js";
import type { ApiArgs, CliContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { planDirectory } from "../planning.js";
import { appendStepSummary } from "../step-summary.js";

export interface DriftArgs extends ApiArgs {
  dir: string;
  format?: "text" | "markdown" | "json";
}

/**
 * Reports where the accounts differ from the files, reading only. Exits 0
 * when they match and 2 when they drifted. In GitHub Actions the Markdown
 * report is also appended to the job summary.
 */
export async function runDrift(
  args: DriftArgs,
  context: CliContext,
): Promise<ExitCode> {
  const client = await connect(args, context.env, context.output);
  const plans = await planDirectory(args.dir, client, context, args);
  const drifts = plans.map(driftOf);
  const rendered = {
    text: () => renderDriftText(drifts),
    markdown: () => renderDriftMarkdown(drifts),
    json: () => renderDriftJson(drifts),
  }[args.format ?? "text"]();
  context.output.result(
    rendered,
    (args.format ?? "text") === "text" ? colorizeDrift : undefined,
  );
  await appendStepSummary(context, () => renderDriftMarkdown(drifts));
  return countDrifted(drifts) > 0 ? ExitCode.Changes : ExitCode.Ok;
}
