import type { ApiClient } from "../api/index.js";
import {
  applyPlan,
  describePlannedStep,
  verifyStoredSettings,
  type StepResult,
} from "../apply/index.js";
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
 * summary. SIGINT lets the request in flight finish, then stops with exit
 * code 130; a second SIGINT quits at once. After a complete apply, the
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
  let interrupted = false;
  const onInterrupt = () => {
    if (interrupted) process.exit(ExitCode.Interrupted);
    interrupted = true;
    output.info(
      "Interrupted: the request in flight finishes, then the apply stops. Press Ctrl-C again to quit at once.",
    );
  };
  process.on("SIGINT", onInterrupt);
  try {
    return await runAll(client, plans, output, {
      continueOnError: options.continueOnError ?? false,
      shouldStop: () => interrupted,
    });
  } finally {
    process.off("SIGINT", onInterrupt);
  }
}

async function runAll(
  client: ApiClient,
  plans: readonly AccountPlan[],
  output: Output,
  options: { continueOnError: boolean; shouldStop: () => boolean },
): Promise<ExitCode> {
  const results: StepResult[] = [];
  const total = plans.reduce((sum, plan) => sum + plan.changes.length, 0);
  let done = 0;
  let stoppedEarly = false;
  for (const plan of plans) {
    if (plan.changes.length === 0) continue;
    if (stoppedEarly) {
      results.push(...plan.changes.map(notAttempted));
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
    results.push(...report.results);
    if (!report.succeeded) {
      stoppedEarly = report.interrupted || !options.continueOnError;
      continue;
    }
    for (const warning of await verifyStoredSettings(client, plan, report)) {
      output.warning(warning);
    }
  }
  return summarize(results, output, options.shouldStop());
}

function colorizeStep(line: string, colors: Colors): string {
  if (line.startsWith("  ✓")) return colors.green(line);
  if (line.startsWith("  ✗")) return colors.red(line);
  return colors.yellow(line);
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
  interrupted: boolean,
): ExitCode {
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
  const verb = interrupted ? "interrupted" : "stopped";
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
