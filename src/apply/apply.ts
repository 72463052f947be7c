import {
  ApiError,
  listConfigurations,
  parseConfigurationBody,
  type ApiClient,
} from "../api/index.js";
import { UserError } from "../errors.js";
import type { AccountPlan, PlannedChange } from "../plan/index.js";
import { dependsOn } from "./dependencies.js";
import { describePlannedStep, describeStep } from "./describe.js";

/**
 * The outcome of a step. "unknown" is a write whose response never
 * arrived (a dropped connection or a timeout): the API may have made the
 * change or not, and only a new plan can tell. "skipped" is a step not run
 * because a step it depends on failed, with `--continue-on-error`.
 */
export type StepStatus =
  "done" | "failed" | "unknown" | "skipped" | "not attempted";

export interface StepResult {
  change: PlannedChange;
  status: StepStatus;
  /** The line the apply log prints: `created configuration "x" (id …)`. */
  description: string;
  /** The id of a configuration the step created or adopted. */
  createdId?: string;
  error?: UserError;
}

export interface ApplyReport {
  results: StepResult[];
  succeeded: boolean;
  /** Set when `shouldStop` ended the apply early. */
  interrupted: boolean;
}

export interface ApplyOptions {
  /** Called after each step that ran, in order. */
  onStep?: (result: StepResult) => void;
  /** Checked before each step; true ends the apply (on SIGINT, say). */
  shouldStop?: () => boolean;
  /** Runs the steps that do not depend on a failed one. */
  continueOnError?: boolean;
}

/**
 * Sends the plan's requests in order, exactly as planned. It stops at the
 * first failure, unless `continueOnError`, which runs every later step
 * that does not depend on a failed one. Steps that do not run are reported
 * as not attempted (or skipped).
 */
export async function applyPlan(
  client: ApiClient,
  plan: AccountPlan,
  options: ApplyOptions = {},
): Promise<ApplyReport> {
  const results: StepResult[] = [];
  const failed: PlannedChange[] = [];
  let stopped = false;
  let interrupted = false;
  for (const change of plan.changes) {
    if (!stopped && options.shouldStop?.()) {
      stopped = true;
      interrupted = true;
    }
    if (stopped) {
      results.push(notRun(change, "not attempted"));
      continue;
    }
    if (failed.some((earlier) => dependsOn(change, earlier))) {
      results.push(notRun(change, "skipped"));
      continue;
    }
    const result = await runStep(client, plan.account.id, change);
    results.push(result);
    options.onStep?.(result);
    if (result.status !== "done") {
      failed.push(change);
      stopped = !options.continueOnError;
    }
  }
  const succeeded = results.every((result) => result.status === "done");
  return { results, succeeded, interrupted };
}

function notRun(change: PlannedChange, status: StepStatus): StepResult {
  return { change, status, description: describePlannedStep(change) };
}

async function runStep(
  client: ApiClient,
  accountId: string,
  change: PlannedChange,
): Promise<StepResult> {
  const { method, path, body } = change.request;
  try {
    const response = await client.request(method, path, { json: body });
    if (change.action !== "create") {
      return {
        change,
        status: "done",
        description: describeStep(change, undefined),
      };
    }
    const shownPath = client.displayPath(path);
    const created = parseConfigurationBody(response.body, method, shownPath);
    return {
      change,
      status: "done",
      description: describeStep(change, created.id),
      createdId: created.id,
    };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    let lost = error instanceof ApiError && error.status === undefined;
    if (change.action === "create" && mayHaveCreated(error)) {
      const lookup = await lookUpCreated(client, accountId, change);
      if (lookup.kind === "found") return lookup.result;
      // Read again and not there: the create did not happen.
      if (lookup.kind === "absent") lost = false;
    }
    if (change.action === "delete" && isNotFound(error)) {
      // The configuration is gone, as the step wanted; a retry after a lost
      // response, or someone else, deleted it.
      return {
        change,
        status: "done",
        description: `${describeStep(change, undefined)}; it was already gone`,
      };
    }
    return {
      change,
      status: lost ? "unknown" : "failed",
      description: describePlannedStep(change),
      error,
    };
  }
}

function isNotFound(error: UserError): boolean {
  return error instanceof ApiError && error.status === 404;
}

/**
 * Tells whether a failed create may have created the configuration anyway,
 * because the response was lost or the server failed (5xx) or gave up (408,
 * 429) after the request reached it. Any other 4xx rejected the request.
 */
function mayHaveCreated(error: UserError): boolean {
  if (!(error instanceof ApiError)) return false;
  const status = error.status;
  return (
    status === undefined || status >= 500 || status === 408 || status === 429
  );
}

/**
 * Reads the configurations again after a failed create and adopts one with
 * the planned name, so that a create whose response was lost is never sent
 * twice. "absent" means the read worked and there is none; "unknown" that
 * the read failed too, so the outcome stays unknown.
 */
async function lookUpCreated(
  client: ApiClient,
  accountId: string,
  change: PlannedChange,
): Promise<
  | { kind: "found"; result: StepResult }
  | { kind: "absent" }
  | { kind: "unknown" }
> {
  const name = change.configurations[0]?.name;
  let live;
  try {
    live = await listConfigurations(client, accountId);
  } catch (error) {
    if (error instanceof UserError) return { kind: "unknown" };
    throw error;
  }
  const found = live.find((configuration) => configuration.name === name);
  if (found === undefined) return { kind: "absent" };
  return {
    kind: "found",
    result: {
      change,
      status: "done",
      description: `${describeStep(change, found.id)}; its response was lost, so it was found by name`,
      createdId: found.id,
    },
  };
}
