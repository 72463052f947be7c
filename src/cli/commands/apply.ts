import { createInterface } from "node:readline/promises";
import { applyPlan, type StepResult } from "../../apply/index.js";
import { UserError } from "../../errors.js";
import { plural } from "../../plan/format-value.js";
import { renderPlanText, type AccountPlan } from "../../plan/index.js";
import { connect } from "../connection.js";
import type { ApiArgs, CliContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import type { Output } from "../output.js";
import { planDirectory } from "../planning.js";
import { printWarnings } from "../warnings.js";

export interface ApplyArgs extends ApiArgs {
  dir: string;
  autoApprove: boolean;
}

/**
 * Plans the config directory, prompts for confirmation unless
 * `--auto-approve` is given, then applies the plan step by step, stopping
 * at the first failed step with a summary of what ran.
 */
export async function runApply(
  args: ApplyArgs,
  context: CliContext,
): Promise<ExitCode> {
  const { output } = context;
  const client = await connect(args, context.env, output);
  const { plans, warnings } = await planDirectory(
    args.dir,
    client,
    output,
    args,
  );
  printWarnings(context, warnings);
  output.result(renderPlanText(plans));

  const steps = plans.reduce((sum, plan) => sum + plan.changes.length, 0);
  if (steps === 0) return ExitCode.Ok;
  if (!args.autoApprove && !(await confirm(context))) {
    output.info("Apply cancelled; nothing was changed.");
    return ExitCode.Error;
  }

  const results: StepResult[] = [];
  for (const plan of plans) {
    const report = await applyAccount(client, plan, output);
    results.push(...report.results);
    if (!report.succeeded) {
      const skipped = plans.slice(plans.indexOf(plan) + 1);
      printFailure(output, results, skipped);
      return ExitCode.Error;
    }
  }
  output.result(`\nApply complete: ${plural(results.length, "step")} done.\n`);
  return ExitCode.Ok;
}

async function confirm(context: CliContext): Promise<boolean> {
  if (!context.interactive) {
    throw new UserError(
      "apply needs confirmation, but stdin is not a terminal",
      {
        hint: "review the plan above, then run again with --auto-approve",
      },
    );
  }
  const prompt = createInterface({
    input: process.stdin,
    output: process.stderr,
  });
  try {
    const answer = await prompt.question(
      "Apply these changes? Only 'yes' is accepted: ",
    );
    return answer.trim() === "yes";
  } finally {
    prompt.close();
  }
}

async function applyAccount(
  client: Parameters<typeof applyPlan>[0],
  plan: AccountPlan,
  output: Output,
) {
  if (plan.changes.length === 0) return { results: [], succeeded: true };
  output.result(
    `\nApplying to account ${plan.account.name} (${plan.account.id})\n`,
  );
  return applyPlan(client, plan, {
    onStep: (result) => {
      const mark = result.status === "done" ? "✓" : "✗";
      output.result(`  ${mark} ${result.description}\n`);
    },
  });
}

function printFailure(
  output: Output,
  results: readonly StepResult[],
  skippedPlans: readonly AccountPlan[],
): void {
  const failed = results.find((result) => result.status === "failed");
  const done = results.filter((result) => result.status === "done").length;
  const notAttempted =
    results.filter((result) => result.status === "not attempted").length +
    skippedPlans.reduce((sum, plan) => sum + plan.changes.length, 0);

  output.result(
    `\nApply failed: ${done} done, 1 failed, ${notAttempted} not attempted.\n`,
  );
  for (const result of results.filter((r) => r.status === "not attempted")) {
    output.result(`  - not attempted: ${result.description}\n`);
  }
  if (failed?.error) {
    output.error(
      `${failed.description} failed: ${failed.error.message}`,
      failed.error.hint,
    );
  }
  output.info("Run plan again to see the remaining changes.");
}
