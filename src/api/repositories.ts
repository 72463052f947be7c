import type { ApiClient } from "./client.js";
import { listAll, type ListOptions } from "./pagination.js";
import { accountPath } from "./paths.js";
import {
  requireRecord,
  requireString,
  unexpectedShape,
} from "./response-shape.js";
import type { Repository } from "./types.js";

export async function listRepositories(
  client: ApiClient,
  accountId: string,
  options?: ListOptions,
): Promise<Repository[]> {
  const path = accountPath(accountId, "repositories");
  const items = await listAll(client, path, options);
  const source = { method: "GET", path: client.displayPath(path) };
  return items.map((item, index) => {
    const where = `data[${index}]`;
    const record = requireRecord(item, source, where);
    const configurationId = record.configuration_id ?? null;
    if (configurationId !== null && typeof configurationId !== "string") {
      unexpectedShape(
        source,
        `${where}.configuration_id`,
        "a string or null",
        configurationId,
      );
    }
    return {
      ...record,
      id: requireString(record, "id", source, where),
      name: requireString(record, "name", source, where),
      configuration_id: configurationId,
    };
  });
}
