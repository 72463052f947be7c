import {
  ApiError,
  parseConfigurationBody,
  type ApiClient,
} from "../api/index.js";
import { UserError } from "../errors.js";
import type { AccountPlan, PlannedChange } from "../plan/index.js";
import { plural } from "../plan/format-value.js";

/**
 * The outcome of a step. "unknown" is a write whose response never
 * arrived (a dropped connection or a timeout): the API may have made the
 * change or not, and only a new plan can tell.
 */
export type StepStatus = "done" | "failed" | "unknown" | "not attempted";

export interface StepResult {
  change: PlannedChange;
  status: StepStatus;
  /** The line the apply log prints: `created configuration "x" (id …)`. */
  description: string;
  error?: UserError;
}

export interface ApplyReport {
  results: StepResult[];
  succeeded: boolean;
}

export interface ApplyHooks {
  /** Called after each step that ran, in order. */
  onStep?: (result: StepResult) => void;
}

/**
 * Sends the plan's requests in order, exactly as planned, and stops at the
 * first failure; the steps after it are reported as not attempted.
 */
export async function applyPlan(
  client: ApiClient,
  plan: AccountPlan,
  hooks: ApplyHooks = {},
): Promise<ApplyReport> {
  const results: StepResult[] = [];
  let failed = false;
  for (const change of plan.changes) {
    if (failed) {
      results.push({
        change,
        status: "not attempted",
        description: describePlannedStep(change),
      });
      continue;
    }
    const result = await runStep(client, change);
    results.push(result);
    hooks.onStep?.(result);
    failed = result.status !== "done";
  }
  return { results, succeeded: !failed };
}

async function runStep(
  client: ApiClient,
  change: PlannedChange,
): Promise<StepResult> {
  const { method, path, body } = change.request;
  try {
    const response = await client.request(method, path, { json: body });
    const createdId =
      change.action === "create"
        ? parseConfigurationBody(
            response.body,
            method,
            client.displayPath(path),
          ).id
        : undefined;
    return {
      change,
      status: "done",
      description: describeStep(change, createdId),
    };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    const lost = error instanceof ApiError && error.status === undefined;
    return {
      change,
      status: lost ? "unknown" : "failed",
      description: describePlannedStep(change),
      error,
    };
  }
}

/** Describes a step in the past tense, as the apply log prints it. */
export function describeStep(
  change: PlannedChange,
  createdId: string | undefined,
): string {
  const [first] = change.configurations;
  const name = JSON.stringify(first?.name ?? "");
  const repositories = plural(
    change.repositories.length,
    "repository",
    "repositories",
  );
  switch (change.action) {
    case "create":
      return `created configuration ${name}${createdId ? ` (id ${createdId})` : ""} with ${repositories}`;
    case "update":
      return change.rename
        ? `updated configuration ${name}, renamed from ${JSON.stringify(change.rename.from)}`
        : `updated configuration ${name}`;
    case "bulk_update":
      return `updated ${change.configurations.length} configurations in one bulk update: ${change.configurations.map((ref) => JSON.stringify(ref.name)).join(", ")}`;
    case "assign":
      return `assigned ${repositories} to configuration ${name}`;
    case "delete":
      return `deleted configuration ${name}`;
  }
}

/** Describes a step that did not run or failed: `create configuration "x"`. */
export function describePlannedStep(change: PlannedChange): string {
  const names = change.configurations.map((ref) => JSON.stringify(ref.name));
  const repositories = plural(
    change.repositories.length,
    "repository",
    "repositories",
  );
  switch (change.action) {
    case "create":
      return `create configuration ${names[0]}`;
    case "update":
      return `update configuration ${names[0]}`;
    case "bulk_update":
      return `bulk update of configurations ${names.join(", ")}`;
    case "assign":
      return `assign ${repositories} to configuration ${names[0]}`;
    case "delete":
      return `delete configuration ${names[0]}`;
  }
}
