import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { UserError } from "../../errors.js";
import {
  renderPlanJson,
  renderPlanMarkdown,
  renderPlanText,
  type AccountPlan,
} from "../../plan/index.js";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { colorizePlan } from "../colorize.js";
import { connect } from "../connection.js";
import type { ApiArgs, CliContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import { planDirectory } from "../planning.js";
import { appendStepSummary } from "../step-summary.js";

export type PlanFormat = "text" | "markdown" | "json";

export interface PlanArgs extends ApiArgs {
  dir: string;
  detailedExitcode: boolean;
  format?: PlanFormat;
  out?: string | undefined;
  force?: boolean;
  target?: string[] | undefined;
  exclude?: string[] | undefined;
}

/**
 * Prints the plan for the config directory and, with `--out`, saves it for
 * `apply`. Exits 0, or with `--detailed-exitcode` 2 when there are changes.
 */
export async function runPlan(
  args: PlanArgs,
  context: CliContext,
): Promise<ExitCode> {
  if (args.out !== undefined) checkOutFile(args.out, args.force ?? false);
  const client = await connect(args, context.env, context.output);
  const plans = await planDirectory(args.dir, client, context, args);
  const format = args.format ?? "text";
  context.output.result(
    renderPlan(plans, format, client.baseUrl),
    format === "text" ? colorizePlan : undefined,
  );
  await appendStepSummary(context, () => renderPlanMarkdown(plans));

  if (args.out !== undefined) {
    const saved = renderPlanJson(plans, {
      apiUrl: client.baseUrl,
      sign: (text: string) => client.sign(text),
    });
    await writeFileAtomic(args.out, saved, {
      overwrite: args.force ?? false,
      flag: "--force",
    });
    context.output.info(
      `Saved the plan to ${args.out}; apply it with: dryrun-config apply ${args.out}`,
    );
  }
  const changes = plans.some((plan) => plan.changes.length > 0);
  return args.detailedExitcode && changes ? ExitCode.Changes : ExitCode.Ok;
}

export function renderPlan(
  plans: readonly AccountPlan[],
  format: PlanFormat,
  apiUrl: string,
): string {
  switch (format) {
    case "json":
      return renderPlanJson(plans, { apiUrl });
    case "markdown":
      return renderPlanMarkdown(plans);
    case "text":
      return renderPlanText(plans);
  }
}

/**
 * Checks the --out file before the account is read, so that a mistake in
 * it does not wait for the whole plan.
 */
function checkOutFile(file: string, force: boolean): void {
  if (/\.ya?ml$/i.test(file)) {
    throw new UserError(
      `--out ${file}: a saved plan is JSON, and a .yaml or .yml file is read as a config file`,
      { hint: "name it with .json, such as plan.json" },
    );
  }
  const info = statSync(file, { throwIfNoEntry: false });
  if (info?.isDirectory()) {
    throw new UserError(`--out ${file} is a folder`, {
      hint: `name a file, such as ${path.join(file, "plan.json")}`,
    });
  }
  if (info !== undefined && !force) {
    throw new UserError(`${file} already exists`, {
      hint: "pass --force to replace it, or choose another file name",
    });
  }
  const folder = path.dirname(file);
  if (!existsSync(folder)) {
    throw new UserError(`the folder ${folder} of --out does not exist`, {
      hint: "create it, or choose another file name",
    });
  }
}
