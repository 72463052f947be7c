import type { DesiredAccount, Diagnostic } from "../config/index.js";
import { hasErrors } from "../config/index.js";
import type { LiveSnapshot } from "../state/index.js";
import { buildPlan } from "./build.js";
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
): { plan: AccountPlan | undefined; diagnostics: Diagnostic[] } {
  const resolved = resolveAccount(desired, snapshot);
  if (hasErrors(resolved.diagnostics)) {
    return { plan: undefined, diagnostics: resolved.diagnostics };
  }
  return { plan: buildPlan(resolved), diagnostics: resolved.diagnostics };
}

export { unresolvedAccount, LIVE_RULES } from "./live-rules.js";
export { renderPlanText } from "./render-text.js";
export { renderDriftText, driftEntries } from "./render-drift.js";
export type * from "./types.js";
export type { FieldChange } from "./compare.js";
export { isEmptyPlan, ACTIONS } from "./types.js";
