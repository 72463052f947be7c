import { listAccounts, type ApiClient } from "../api/index.js";
import {
  ConfigError,
  hasErrors,
  type DesiredAccount,
  type Diagnostic,
} from "../config/index.js";
import { loadDesiredState } from "../config/index.js";
import { planAccount, type AccountPlan } from "../plan/index.js";
import { findAccount, readSnapshot } from "../state/index.js";
import type { Output } from "./output.js";

export interface PlanningOptions {
  concurrency: number;
}

/**
 * Loads the config directory, reads every account it names, and plans each.
 * Problems from every account are collected and raised together as one
 * ConfigError; warnings are returned with the plans.
 */
export async function planDirectory(
  directory: string,
  client: ApiClient,
  output: Output,
  options: PlanningOptions,
): Promise<{ plans: AccountPlan[]; warnings: Diagnostic[] }> {
  const { state, warnings } = await loadDesiredState(directory);
  const diagnostics: Diagnostic[] = [...warnings];
  if (state.accounts.length === 0) {
    output.warning(`no configurations are declared in ${directory}`);
    return { plans: [], warnings };
  }

  const accounts = await listAccounts(client);
  const plans: AccountPlan[] = [];
  for (const desired of state.accounts) {
    const match = findAccount(accounts, desired.account.value);
    if (match.kind !== "found") {
      diagnostics.push(accountDiagnostic(desired, match));
      continue;
    }
    output.info(
      `Reading account ${match.account.org_name} (${match.account.account_id})`,
    );
    const snapshot = await readSnapshot(client, match.account, options);
    const result = planAccount(desired, snapshot);
    diagnostics.push(...result.diagnostics);
    if (result.plan) plans.push(result.plan);
  }

  if (hasErrors(diagnostics)) throw new ConfigError(diagnostics);
  return { plans, warnings: diagnostics };
}

function accountDiagnostic(
  desired: DesiredAccount,
  match: Exclude<ReturnType<typeof findAccount>, { kind: "found" }>,
): Diagnostic {
  const reference = JSON.stringify(desired.account.value);
  if (match.kind === "ambiguous") {
    const ids = match.candidates.map((account) => account.account_id);
    return {
      severity: "error",
      rule: "ambiguous-account",
      message: `${match.candidates.length} accounts are named ${reference} (${ids.join(", ")})`,
      location: desired.account.location,
      hint: "write the account UUID instead of its name",
    };
  }
  const names = match.available.map((account) => account.org_name);
  return {
    severity: "error",
    rule: "unknown-account",
    message: `account ${reference} is not among the ${match.available.length} accounts this API key can access${names.length > 0 ? ` (${names.join(", ")})` : ""}`,
    location: desired.account.location,
    hint: "check the spelling, or use a key scoped to that account",
  };
}
