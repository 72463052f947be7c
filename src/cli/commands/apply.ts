import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline/promises";
import { listAccounts, type ApiClient } from "../../api/index.js";
import { findStaleness } from "../../apply/index.js";
import { UserError } from "../../errors.js";
import {
  describeSafety,
  readPlanFile,
  renderPlanText,
  weakeningFindings,
  type AccountPlan,
} from "../../plan/index.js";
import { readSnapshot } from "../../state/index.js";
import { colorizePlan } from "../colorize.js";
import { connect } from "../connection.js";
import type { ApiArgs, CliContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import type { Output } from "../output.js";
import { planDirectory } from "../planning.js";
import { runSteps } from "../run-steps.js";

export interface ApplyArgs extends ApiArgs {
  /** A config directory, or a plan file saved by `plan --out`. */
  dir: string;
  autoApprove: boolean;
  force?: boolean;
  allowWeakening?: boolean;
  continueOnError?: boolean;
  target?: string[] | undefined;
  exclude?: string[] | undefined;
}

/** Most stale-plan differences listed before the rest are counted. */
const MAX_STALE_LINES = 30;

/**
 * Applies a config directory or a saved plan. A directory is planned, then
 * confirmed by a prompt or `--auto-approve`. A saved plan was reviewed
 * already, so it is checked against the account instead, and refused if
 * stale. Plans over a safety threshold need `--force`. Steps run in order
 * and stop at the first failure, with a summary of what ran.
 */
export async function runApply(
  args: ApplyArgs,
  context: CliContext,
): Promise<ExitCode> {
  const client = await connect(args, context.env, context.output);
  if (await isFile(args.dir)) {
    if (/\.ya?ml$/i.test(args.dir)) {
      throw new UserError(
        `${args.dir} is a config file, and apply takes a config folder or a saved plan`,
        {
          hint: `pass the folder that contains it: dryrun-config apply ${path.dirname(args.dir)}`,
        },
      );
    }
    return applySavedPlan(args, client, context);
  }
  if (/\.json$/i.test(args.dir) && !existsSync(args.dir)) {
    throw new UserError(`plan file ${args.dir} not found`, {
      hint: "check the path, or save a plan with `dryrun-config plan --out FILE`",
    });
  }

  const { output } = context;
  const plans = await planDirectory(args.dir, client, context, args);
  output.result(renderPlanText(plans), colorizePlan);

  if (plans.every((plan) => plan.changes.length === 0)) return ExitCode.Ok;
  if (refused(plans, args, output)) return ExitCode.Refused;
  if (!args.autoApprove && !(await confirm(context))) {
    output.detail("Apply cancelled; nothing was changed.");
    return ExitCode.Error;
  }
  return runSteps(client, plans, context, args);
}

async function applySavedPlan(
  args: ApplyArgs,
  client: ApiClient,
  context: CliContext,
): Promise<ExitCode> {
  const { output } = context;
  if (args.target?.length || args.exclude?.length) {
    throw new UserError("--target and --exclude cannot narrow a saved plan", {
      hint: "pass them to `plan --out` instead, then apply that plan",
    });
  }
  const saved = await readPlanFile(args.dir, (text) => client.sign(text));
  if (saved.apiUrl !== client.baseUrl) {
    throw new UserError(
      `the plan was made against ${saved.apiUrl}, not ${client.baseUrl}`,
      { hint: `pass --api-url ${saved.apiUrl}, or make a new plan` },
    );
  }

  const stale = await checkStaleness(
    client,
    saved.plans,
    args.concurrency,
    output,
  );
  if (stale.length > 0) {
    output.error(`the plan ${args.dir} is stale, so nothing was changed:`);
    for (const line of stale.slice(0, MAX_STALE_LINES))
      output.detail(`  ${line}`);
    if (stale.length > MAX_STALE_LINES) {
      output.detail(`  and ${stale.length - MAX_STALE_LINES} more differences`);
    }
    output.detail("hint: make a new plan, review it, and apply that one");
    return ExitCode.Refused;
  }

  output.result(renderPlanText(saved.plans), colorizePlan);
  if (saved.plans.every((plan) => plan.changes.length === 0))
    return ExitCode.Ok;
  if (refused(saved.plans, args, output)) return ExitCode.Refused;
  return runSteps(client, saved.plans, context, args);
}

async function checkStaleness(
  client: ApiClient,
  plans: readonly AccountPlan[],
  concurrency: number,
  output: Output,
): Promise<string[]> {
  const accounts = await listAccounts(client);
  const stale: string[] = [];
  for (const plan of plans) {
    const account = accounts.find(
      (entry) => entry.account_id === plan.account.id,
    );
    if (account === undefined) {
      stale.push(
        `account ${plan.account.name} (${plan.account.id}) is no longer accessible with this key`,
      );
      continue;
    }
    output.info(`Reading account ${account.org_name} (${account.account_id})`);
    const snapshot = await readSnapshot(client, account, { concurrency });
    stale.push(...findStaleness(plan, snapshot));
  }
  return stale;
}

/**
 * Runs the safety checks a plan must pass to be applied: the thresholds
 * (unless --force) and the security impact (unless --allow-weakening).
 * Prints every reason it is refused, and returns whether it is.
 */
function refused(
  plans: readonly AccountPlan[],
  args: ApplyArgs,
  output: Output,
): boolean {
  const overThresholds = !args.force && refusedBySafety(plans, output);
  const weakens = !args.allowWeakening && refusedByImpact(plans, output);
  return overThresholds || weakens;
}

function refusedByImpact(
  plans: readonly AccountPlan[],
  output: Output,
): boolean {
  const findings = weakeningFindings(plans);
  if (findings.length === 0) return false;
  output.error(
    `the plan weakens the account's security in ${findings.length} place${findings.length === 1 ? "" : "s"}:`,
  );
  for (const finding of findings) output.detail(`  ${finding}`);
  output.detail(
    "hint: review them, then pass --allow-weakening to apply the plan anyway",
  );
  return true;
}

/** Prints each exceeded threshold and returns whether any was exceeded. */
function refusedBySafety(
  plans: readonly AccountPlan[],
  output: Output,
): boolean {
  const exceeded = plans.flatMap((plan) =>
    plan.safety
      .filter((check) => check.exceeded)
      .map((check) => `account ${plan.account.name}: ${describeSafety(check)}`),
  );
  for (const line of exceeded) output.error(line);
  if (exceeded.length > 0) {
    output.detail(
      "hint: review the plan, then pass --force to apply it anyway",
    );
  }
  return exceeded.length > 0;
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
  // Ctrl-C rejects the question and Ctrl-D closes the input without an
  // answer; both mean no.
  const closed = new Promise<string>((resolve) =>
    prompt.once("close", () => resolve("")),
  );
  try {
    const answer = await Promise.race([
      prompt.question("Apply these changes? Only 'yes' is accepted: "),
      closed,
    ]);
    return answer.trim() === "yes";
  } catch {
    process.stderr.write("\n");
    return false;
  } finally {
    prompt.close();
  }
}

async function isFile(target: string): Promise<boolean> {
  try {
    return (await stat(target)).isFile();
  } catch {
    return false;
  }
}
