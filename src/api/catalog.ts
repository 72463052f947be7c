import type { ApiClient } from "./client.js";
import { listAll, type ListOptions } from "./pagination.js";
import { accountPath } from "./paths.js";
import { requireRecord, requireString } from "./response-shape.js";
import type { Analyzer, CustomPolicy } from "./types.js";

/** Lists the analyzers a configuration's `analyzers` object may key. */
export async function listAnalyzers(
  client: ApiClient,
  accountId: string,
  options?: ListOptions,
): Promise<Analyzer[]> {
  const path = accountPath(accountId, "analyzers");
  const items = await listAll(client, path, options);
  const source = { method: "GET", path: client.displayPath(path) };
  return items.map((item, index) => {
    const where = `data[${index}]`;
    const record = requireRecord(item, source, where);
    return { ...record, slug: requireString(record, "slug", source, where) };
  });
}

/** Lists the custom code policies that configurations refer to by id. */
export async function listCustomPolicies(
  client: ApiClient,
  accountId: string,
  options?: ListOptions,
): Promise<CustomPolicy[]> {
  const path = accountPath(accountId, "custom_policies");
  const items = await listAll(client, path, options);
  const source = { method: "GET", path: client.displayPath(path) };
  return items.map((item, index) => {
    const where = `data[${index}]`;
    const record = requireRecord(item, source, where);
    return {
      ...record,
      id: requireString(record, "id", source, where),
      name: requireString(record, "name", source, where),
    };
  });
}
