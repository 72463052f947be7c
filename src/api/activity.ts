import type { ApiClient } from "./client.js";
import { listAll, type ListOptions } from "./pagination.js";
import { accountPath, checkId } from "./paths.js";
import { requireRecord } from "./response-shape.js";

/** Query filters of the scans list, as the API names them. */
export interface ScanFilters {
  date_from?: string;
  date_to?: string;
  initiated_by?: string;
  /** Comma-separated: failing, risky, info. */
  result?: string;
}

/** Lists the pull-request findings of a repository, every page. */
export async function listFindings(
  client: ApiClient,
  accountId: string,
  repositoryId: string,
  options?: ListOptions,
): Promise<Record<string, unknown>[]> {
  const path = accountPath(
    accountId,
    "repositories",
    checkId(repositoryId, "repository"),
    "findings",
  );
  return listRecords(client, path, options);
}

/** Lists the PR scans of a repository, every page, filtered. */
export async function listScans(
  client: ApiClient,
  accountId: string,
  repositoryId: string,
  filters: ScanFilters = {},
  options: ListOptions = {},
): Promise<Record<string, unknown>[]> {
  const path = accountPath(
    accountId,
    "repositories",
    checkId(repositoryId, "repository"),
    "scans",
  );
  const searchParams = Object.fromEntries(
    Object.entries(filters).filter(([, value]) => value !== undefined),
  ) as Record<string, string>;
  return listRecords(client, path, { ...options, searchParams });
}

async function listRecords(
  client: ApiClient,
  path: string,
  options?: ListOptions,
): Promise<Record<string, unknown>[]> {
  const items = await listAll(client, path, options);
  const source = { method: "GET", path: client.displayPath(path) };
  return items.map((item, index) =>
    requireRecord(item, source, `data[${index}]`),
  );
}
