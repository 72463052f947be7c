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
  /** Called as pages arrive, with the pages read and known so far. */
  onProgress?: (read: number, known: number) => void;
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
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const progress = new Map<string, { read: number; total: number }>();
  const list = (name: string) => ({
    concurrency,
    onProgress: (read: number, total: number | undefined) => {
      progress.set(name, { read, total: total ?? read });
      let readSum = 0;
      let totalSum = 0;
      for (const entry of progress.values()) {
        readSum += entry.read;
        totalSum += entry.total;
      }
      options.onProgress?.(readSum, totalSum);
    },
  });
  const id = account.account_id;
  const [analyzers, customPolicies, configurations, repositories] =
    await Promise.all([
      listAnalyzers(client, id, list("analyzers")),
      listCustomPolicies(client, id, list("policies")),
      listConfigurations(client, id, list("configurations")),
      listRepositories(client, id, list("repositories")),
    ]);
  return { account, analyzers, customPolicies, configurations, repositories };
}
