import { renderDriftText } from "../../plan/index.js";
import { connect } from "../connection.js";
import type { ApiArgs, CliContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { planDirectory } from "../planning.js";

export interface DriftArgs extends ApiArgs {
  dir: string;
}

/**
 * Reports where the accounts differ from the files, without writing
 * anything. Exits 0 when they match and 2 when they drifted.
 */
export async function runDrift(
  args: DriftArgs,
  context: CliContext,
): Promise<ExitCode> {
  const client = await connect(args, context.env, context.output);
  const plans = await planDirectory(args.dir, client, context, args);
  context.output.result(renderDriftText(plans));
  const drifted = plans.some((plan) => plan.changes.length > 0);
  return drifted ? ExitCode.Changes : ExitCode.Ok;
}
