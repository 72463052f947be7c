import {
  listAnalyzers,
  listConfigurations,
  listCustomPolicies,
  listRepositories,
  type Account,
  type Analyzer,
  type ApiClient,
  type Configuration,
  type CustomPolicy,
  type Repository,
} from "../api/index.js";
import { DEFAULT_CONCURRENCY } from "./concurrency.js";

/** Everything the planner reads from one account, read in one pass. */
export interface LiveSnapshot {
  account: Account;
  analyzers: Analyzer[];
  customPolicies: CustomPolicy[];
  /** Every configuration, each with its settings. */
  configurations: Configuration[];
  repositories: Repository[];
}

export interface ReadOptions {
  /** Requests in flight at once while reading pages and details. */
  concurrency?: number;
}

export { DEFAULT_CONCURRENCY };

/**
 * Reads the live state of an account: its analyzers, custom policies,
 * configurations with their settings, and repositories with their
 * `configuration_id`. All lists are read in full or the call fails, so no
 * plan is built from a partial read.
 */
export async function readSnapshot(
  client: ApiClient,
  account: Account,
  options: ReadOptions = {},
): Promise<LiveSnapshot> {
  const list = { concurrency: options.concurrency ?? DEFAULT_CONCURRENCY };
  const id = account.account_id;
  const [analyzers, customPolicies, configurations, repositories] =
    await Promise.all([
      listAnalyzers(client, id, list),
      listCustomPolicies(client, id, list),
      listConfigurations(client, id, list),
      listRepositories(client, id, list),
    ]);
  return { account, analyzers, customPolicies, configurations, repositories };
}
