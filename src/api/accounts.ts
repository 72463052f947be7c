import type { ApiClient } from "./client.js";
import { listAll, type ListOptions } from "./pagination.js";
import { requireRecord, requireString } from "./response-shape.js";
import type { Account } from "./types.js";

export async function listAccounts(
  client: ApiClient,
  options?: ListOptions,
): Promise<Account[]> {
  const items = await listAll(client, "accounts", options);
  const source = { method: "GET", path: client.displayPath("accounts") };
  return items.map((item, index) => {
    const where = `data[${index}]`;
    const record = requireRecord(item, source, where);
    return {
      ...record,
      account_id: requireString(record, "account_id", source, where),
      org_name: requireString(record, "org_name", source, where),
    };
  });
}
