import type { DesiredAccount, Diagnostic } from "../config/index.js";
import { hasErrors } from "../config/index.js";
import type { LiveSnapshot } from "../state/index.js";
import { buildPlan, type PlanOptions } from "./build.js";
import { resolveAccount } from "./resolve.js";
import type { AccountPlan } from "./types.js";

/**
 * Plans one account: resolves the desired state against the live snapshot
 * and, when that finds no error, computes the changes. Warnings come back
 * either way.
 */
export function planAccount(
  desired: DesiredAccount,
  snapshot: LiveSnapshot,
  options: PlanOptions = {},
): { plan: AccountPlan | undefined; diagnostics: Diagnostic[] } {
  const resolved = resolveAccount(desired, snapshot);
  if (hasErrors(resolved.diagnostics)) {
    return { plan: undefined, diagnostics: resolved.diagnostics };
  }
  const plan = buildPlan(resolved, options);
  return { plan, diagnostics: resolved.diagnostics };
}

export { unresolvedAccount, LIVE_RULES } from "./live-rules.js";
export { renderPlanText } from "./render-text.js";
export { renderPlanMarkdown } from "./render-markdown.js";
export { weakeningFindings } from "./render-impact.js";
export { classifyChange, FIELD_RULES, type Impact } from "./impact.js";
export { renderPlanJson, planToDocument } from "./json.js";
export { readPlanFile, type SavedPlan } from "./plan-file.js";
export { renderDriftText, renderDriftMarkdown } from "./render-drift.js";
export {
  driftOf,
  countDrifted,
  renderDriftJson,
  type AccountDrift,
  type Difference,
} from "./drift.js";
export type * from "./types.js";
export type { FieldChange } from "./compare.js";
export { isEmptyPlan, ACTIONS, MIN_OBJECTS_FOR_THRESHOLDS } from "./types.js";
export { describeSafety } from "./safety.js";
export type { PlanOptions } from "./build.js";
