/** POST configurations/bulk_update. */
import { HttpError, ValidationProblems } from "../http-error.js";
import type { Reply } from "../http.js";
import { rejectUnknownFields, requireObjectBody } from "../request-body.js";
import type { Route, RouteContext } from "../router.js";
import { mergeSettings } from "../settings.js";
import { validateSettings } from "../settings-validation.js";
import type { AccountState, ConfigurationState } from "../state.js";
import { describeValue } from "../values.js";
import { accountOf, dataReply } from "./context.js";

const BULK_UPDATE_FIELDS = ["configuration_ids", "updates"];

export const BULK_UPDATE_ROUTE: Route = {
  method: "POST",
  pattern: "/v1/accounts/{account_id}/configurations/bulk_update",
  handle: bulkUpdateAction,
};

/**
 * Applies the same partial settings to several configurations. Every id
 * must exist (404) and the updates must be valid (422) before any
 * configuration changes.
 */
function bulkUpdateAction(context: RouteContext): Reply {
  const account = accountOf(context);
  const body = requireObjectBody(context.body);
  const targets = findBulkTargets(account, body);

  const problems = new ValidationProblems();
  rejectUnknownFields(body, "", BULK_UPDATE_FIELDS, problems);
  if (body["updates"] === undefined) {
    problems.add("updates is required");
  }
  const policyIds = new Set(account.custom_policies.map((p) => p.id));
  const updates = validateSettings(
    body["updates"] ?? {},
    "updates",
    policyIds,
    problems,
  );
  problems.throwIfAny();

  const now = new Date().toISOString();
  for (const configuration of targets) {
    configuration.configuration = mergeSettings(
      configuration.configuration,
      updates,
    );
    configuration.updated_at = now;
  }
  return dataReply(targets);
}

/** Reads configuration_ids; returns the configurations in the order sent. */
function findBulkTargets(
  account: AccountState,
  body: Record<string, unknown>,
): ConfigurationState[] {
  const ids = body["configuration_ids"];
  if (!Array.isArray(ids) || ids.length === 0) {
    throw new HttpError(
      422,
      `configuration_ids must be a non-empty array of configuration ids, got ${describeValue(ids)}`,
    );
  }
  const problems = new ValidationProblems();
  ids.forEach((id: unknown, index) => {
    if (typeof id !== "string") {
      problems.add(
        `configuration_ids[${index}] must be a string, got ${describeValue(id)}`,
      );
    }
  });
  problems.throwIfAny();

  const byId = new Map(account.configurations.map((c) => [c.id, c]));
  const uniqueIds = [...new Set(ids as string[])];
  const missing = uniqueIds.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    throw new HttpError(404, `configurations not found: ${missing.join(", ")}`);
  }
  return uniqueIds.map((id) => byId.get(id)).filter((c) => c !== undefined);
}
