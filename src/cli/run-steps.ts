import type { ApiClient } from "../api/index.js";
import {
  applyPlan,
  describePlannedStep,
  verifyStoredSettings,
  type StepResult,
} from "../apply/index.js";
import { UserError } from "../errors.js";
import { plural } from "../plan/format-value.js";
import type { AccountPlan } from "../plan/index.js";
import type { CliContext } from "./context.js";
import { ExitCode } from "./exit-codes.js";
import type { Colors, Output } from "./output.js";

const MARKS: Record<string, string> = {
  done: "✓",
  failed: "✗",
  unknown: "?",
};

/**
 * Runs the steps of the plans in order and prints each result, then a
 * summary. SIGINT or SIGTERM lets the request in flight finish, then stops
 * with exit code 130 or 143; a second signal quits at once. After a complete apply, the
 * written configurations are read back once and any setting the API stored
 * differently from what was sent is reported as a warning.
 */
export async function runSteps(
  client: ApiClient,
  plans: readonly AccountPlan[],
  context: CliContext,
  options: { continueOnError?: boolean | undefined },
): Promise<ExitCode> {
  const { output } = context;
  let signal: NodeJS.Signals | undefined;
  const onSignal = (received: NodeJS.Signals) => {
    const code =
      received === "SIGTERM" ? ExitCode.Terminated : ExitCode.Interrupted;
    if (signal !== undefined) process.exit(code);
    signal = received;
    output.info(
      `Received ${received}: the request in flight finishes, then the apply stops. Send it again to quit at once.`,
    );
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const code = await runAll(client, plans, output, {
      continueOnError: options.continueOnError ?? false,
      shouldStop: () => signal !== undefined,
    });
    if (signal === "SIGTERM" && code === ExitCode.Interrupted) {
      return ExitCode.Terminated;
    }
    return code;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}

async function runAll(
  client: ApiClient,
  plans: readonly AccountPlan[],
  output: Output,
  options: { continueOnError: boolean; shouldStop: () => boolean },
): Promise<ExitCode> {
  const results: StepResult[] = [];
  // With several accounts, the summary names the account of each step.
  const inAccount = (plan: AccountPlan) => (result: StepResult) =>
    plans.length > 1
      ? {
          ...result,
          description: `account ${plan.account.name}: ${result.description}`,
        }
      : result;
  const total = plans.reduce((sum, plan) => sum + plan.changes.length, 0);
  let done = 0;
  let stoppedEarly = false;
  for (const plan of plans) {
    if (plan.changes.length === 0) continue;
    if (stoppedEarly) {
      results.push(...plan.changes.map(notAttempted).map(inAccount(plan)));
      continue;
    }
    output.result(
      `\nApplying to account ${plan.account.name} (${plan.account.id})\n`,
    );
    const report = await applyPlan(client, plan, {
      ...options,
      onStep: (result) => {
        output.result(`  ${stepLine(result)}\n`, colorizeStep);
        output.progress(`Applied ${++done} of ${total} steps`);
      },
    });
    results.push(...report.results.map(inAccount(plan)));
    if (!report.succeeded) {
      stoppedEarly = report.interrupted || !options.continueOnError;
      continue;
    }
    for (const warning of await readBack(client, plan, report)) {
      output.warning(warning);
    }
  }
  return summarize(results, output, {
    interrupted: options.shouldStop(),
    continueOnError: options.continueOnError,
  });
}

function colorizeStep(line: string, colors: Colors): string {
  if (line.startsWith("  ✓")) return colors.green(line);
  if (line.startsWith("  ✗")) return colors.red(line);
  return colors.yellow(line);
}

/**
 * Reads back what the apply wrote. Its own failure is a warning: the steps
 * are done, and a new plan can check them.
 */
async function readBack(
  client: ApiClient,
  plan: AccountPlan,
  report: Awaited<ReturnType<typeof applyPlan>>,
): Promise<string[]> {
  try {
    return await verifyStoredSettings(client, plan, report);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return [
      `the apply is done, but reading the configurations back failed (${error.message}); run plan to check them`,
    ];
  }
}

function stepLine(result: StepResult): string {
  const mark = MARKS[result.status] ?? "-";
  const note =
    result.status === "unknown"
      ? " (no response: it may or may not have taken effect)"
      : "";
  return `${mark} ${result.description}${note}`;
}

function notAttempted(change: AccountPlan["changes"][number]): StepResult {
  return {
    change,
    status: "not attempted",
    description: describePlannedStep(change),
  };
}

function summarize(
  results: readonly StepResult[],
  output: Output,
  how: { interrupted: boolean; continueOnError: boolean },
): ExitCode {
  const { interrupted } = how;
  const count = (status: StepResult["status"]) =>
    results.filter((result) => result.status === status).length;
  if (results.every((result) => result.status === "done")) {
    output.result(
      `\nApply complete: ${plural(results.length, "step")} done.\n`,
    );
    return ExitCode.Ok;
  }

  const parts = [`${count("done")} done`];
  if (count("failed") > 0) parts.push(`${count("failed")} failed`);
  if (count("unknown") > 0) parts.push(`${count("unknown")} with no response`);
  if (count("skipped") > 0) parts.push(`${count("skipped")} skipped`);
  parts.push(`${count("not attempted")} not attempted`);
  const verb = interrupted
    ? "interrupted"
    : how.continueOnError
      ? "finished with errors"
      : "stopped";
  output.result(`\nApply ${verb}: ${parts.join(", ")}.\n`);
  for (const result of results) {
    if (result.status === "skipped" || result.status === "not attempted") {
      output.result(`  - ${result.status}: ${result.description}\n`);
    }
  }
  for (const result of results) {
    if (result.error) {
      output.error(
        `${result.description} failed: ${result.error.message}`,
        result.error.hint,
      );
    }
  }
  output.info("Run plan again to see the remaining changes.");
  return interrupted ? ExitCode.Interrupted : ExitCode.Error;
}
