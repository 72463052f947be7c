import { listAccounts, type ApiClient } from "../api/index.js";
import { ConfigError, hasErrors, type Diagnostic } from "../config/index.js";
import { loadDesiredState } from "../config/index.js";
import {
  planAccount,
  unresolvedAccount,
  type AccountPlan,
} from "../plan/index.js";
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
      diagnostics.push(unresolvedAccount(desired, accounts, match));
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
