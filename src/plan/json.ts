import { canonicalJson } from "../util/equal.js";
import { TOOL_VERSION } from "../util/version.js";
import { countImpacts } from "./impact.js";
import {
  ACTIONS,
  type AccountPlan,
  type Action,
  type PlannedChange,
} from "./types.js";

export const PLAN_FORMAT_VERSION = 1;

export interface PlanDocumentOptions {
  apiUrl: string;
  /**
   * Signs a saved plan, as `plan --out` writes it, which also adds what the
   * plan read; a printed plan has neither.
   */
  sign?: ((text: string) => string) | undefined;
}

/**
 * Converts plans to the JSON document of `schemas/plan.schema.json`. Keys
 * are snake_case and an absent value is null. The document carries no
 * timestamp, so identical inputs give identical bytes.
 */
export function planToDocument(
  plans: readonly AccountPlan[],
  options: PlanDocumentOptions,
): Record<string, unknown> {
  const document: Record<string, unknown> = {
    format_version: PLAN_FORMAT_VERSION,
    tool: `dryrun-config ${TOOL_VERSION}`,
    api_url: options.apiUrl,
    summary: totalCounts(plans),
    impact: countImpacts(
      plans.flatMap((plan) =>
        plan.changes.map((change) => change.impact.level),
      ),
    ),
    accounts: plans.map((plan) =>
      accountToJson(plan, options.sign !== undefined),
    ),
  };
  if (options.sign) document.signature = signatureOf(document, options.sign);
  return document;
}

export function renderPlanJson(
  plans: readonly AccountPlan[],
  options: PlanDocumentOptions,
): string {
  return `${JSON.stringify(planToDocument(plans, options), null, 2)}\n`;
}

/**
 * Computes the signature of a plan document over its canonical JSON,
 * leaving out the `signature` itself.
 */
export function signatureOf(
  document: Record<string, unknown>,
  sign: (text: string) => string,
): string {
  const { signature: _ignored, ...rest } = document;
  return `hmac-sha256:${sign(canonicalJson(rest))}`;
}

function totalCounts(plans: readonly AccountPlan[]): Record<Action, number> {
  const counts = Object.fromEntries(
    ACTIONS.map((action) => [action, 0]),
  ) as Record<Action, number>;
  for (const plan of plans) {
    for (const action of ACTIONS) counts[action] += plan.counts[action];
  }
  return counts;
}

function accountToJson(plan: AccountPlan, saved: boolean) {
  const json: Record<string, unknown> = {
    account: plan.account,
    summary: plan.counts,
    impact: countImpacts(plan.changes.map((change) => change.impact.level)),
    changes: plan.changes.map(changeToJson),
    unmanaged: plan.unmanaged.map((entry) => ({
      name: entry.name,
      id: entry.id,
      repository_count: entry.repositoryCount,
      moved_away: entry.movedAway,
    })),
    unclaimed_repositories: plan.unclaimedRepositories,
    safety: plan.safety,
  };
  if (saved) {
    json.state = {
      fingerprints: plan.state.fingerprints,
      patterns: plan.state.patterns,
      case_sensitive_names: plan.state.caseSensitiveNames,
    };
  }
  return json;
}

function nullForAbsent(flat: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(flat).map(([field, value]) => [field, value ?? null]),
  );
}

function changeToJson(change: PlannedChange) {
  return {
    action: change.action,
    configurations: change.configurations.map((ref) => ({
      name: ref.name,
      id: ref.id ?? null,
      ...(ref.declaredAt ? { declared_at: ref.declaredAt } : {}),
    })),
    declared_at: change.declaredAt ?? null,
    rename: change.rename ?? null,
    fields: change.fields.map((field) => ({
      field: field.field,
      before: field.before ?? null,
      after: field.after ?? null,
    })),
    before: change.settings ? nullForAbsent(change.settings.before) : null,
    after: change.settings ? nullForAbsent(change.settings.after) : null,
    repositories: change.repositories.map((move) => ({
      id: move.id,
      name: move.name,
      from: move.from
        ? { name: move.from.name, id: move.from.id ?? null }
        : null,
    })),
    request: change.request,
    impact: {
      level: change.impact.level,
      findings: change.impact.findings.map((finding) => ({
        ...finding,
        before: finding.before ?? null,
        after: finding.after ?? null,
      })),
    },
  };
}
