import { renderPlanText } from "../../plan/index.js";
import { connect } from "../connection.js";
import type { ApiArgs, CliContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { planDirectory } from "../planning.js";
import { printWarnings } from "../warnings.js";

export interface PlanArgs extends ApiArgs {
  dir: string;
  detailedExitcode: boolean;
}

/**
 * Prints the plan for the config directory. Exits 0, or with
 * `--detailed-exitcode` 2 when there are changes.
 */
export async function runPlan(
  args: PlanArgs,
  context: CliContext,
): Promise<ExitCode> {
  const client = await connect(args, context.env, context.output);
  const { plans, warnings } = await planDirectory(
    args.dir,
    client,
    context.output,
    args,
  );
  printWarnings(context, warnings);
  context.output.result(renderPlanText(plans));
  const changes = plans.some((plan) => plan.changes.length > 0);
  return args.detailedExitcode && changes ? ExitCode.Changes : ExitCode.Ok;
}
