import type { ApiClient } from "./client.js";
import { listAll, type ListOptions } from "./pagination.js";
import { mapWithConcurrency } from "../util/pool.js";
import { accountPath, configurationPath } from "./paths.js";
import { checkSettings } from "./settings-shape.js";
import {
  requireRecord,
  requireString,
  unexpectedShape,
  unwrapObject,
  type ResponseSource,
} from "./response-shape.js";
import type {
  AssignRepositoriesBody,
  BulkUpdateBody,
  Configuration,
  ConfigurationWriteBody,
} from "./types.js";

/**
 * Lists the configurations of an account with their settings. A list item
 * without its `configuration` body is read again on its own, because the API
 * does not document whether lists include it.
 */
export async function listConfigurations(
  client: ApiClient,
  accountId: string,
  options: ListOptions = {},
): Promise<Configuration[]> {
  const path = accountPath(accountId, "configurations");
  const items = await listAll(client, path, options);
  const source = { method: "GET", path: client.displayPath(path) };
  const listed = items.map((item, index) =>
    parseConfiguration(item, source, `data[${index}]`),
  );
  return mapWithConcurrency(listed, options.concurrency ?? 4, (listedItem) =>
    listedItem.configuration === undefined
      ? getConfiguration(client, accountId, listedItem.id)
      : Promise.resolve(listedItem),
  );
}

export async function getConfiguration(
  client: ApiClient,
  accountId: string,
  id: string,
): Promise<Configuration> {
  const path = configurationPath(accountId, id);
  const response = await client.get(path);
  return parseConfigurationBody(response.body, "GET", client.displayPath(path));
}

export async function createConfiguration(
  client: ApiClient,
  accountId: string,
  body: ConfigurationWriteBody,
): Promise<Configuration> {
  const path = accountPath(accountId, "configurations");
  const response = await client.post(path, body);
  return parseConfigurationBody(
    response.body,
    "POST",
    client.displayPath(path),
  );
}

/** Sends a PATCH: a partial update of the keys in `body` only. */
export async function updateConfiguration(
  client: ApiClient,
  accountId: string,
  id: string,
  body: ConfigurationWriteBody,
): Promise<void> {
  await client.patch(configurationPath(accountId, id), body);
}

export async function deleteConfiguration(
  client: ApiClient,
  accountId: string,
  id: string,
): Promise<void> {
  await client.delete(configurationPath(accountId, id));
}

export async function assignRepositories(
  client: ApiClient,
  accountId: string,
  body: AssignRepositoriesBody,
): Promise<void> {
  const path = accountPath(accountId, "configurations", "assign_repositories");
  await client.post(path, body);
}

export async function bulkUpdateConfigurations(
  client: ApiClient,
  accountId: string,
  body: BulkUpdateBody,
): Promise<void> {
  const path = accountPath(accountId, "configurations", "bulk_update");
  await client.post(path, body);
}

/**
 * Reads the configuration of a single-object response, wrapped in `data` or
 * bare; raises an ApiError when it lacks the fields the tool relies on.
 */
export function parseConfigurationBody(
  body: unknown,
  method: string,
  path: string,
): Configuration {
  const source = { method, path };
  const configuration = parseConfiguration(
    unwrapObject(body, source),
    source,
    "data",
  );
  if (configuration.configuration === undefined) {
    unexpectedShape(source, "data.configuration", "an object", undefined);
  }
  return configuration;
}

function parseConfiguration(
  item: unknown,
  source: ResponseSource,
  where: string,
): Configuration {
  const record = requireRecord(item, source, where);
  const raw = record.configuration ?? undefined;
  const settings =
    raw === undefined
      ? undefined
      : checkSettings(raw, source, `${where}.configuration`);
  return {
    ...record,
    id: requireString(record, "id", source, where),
    name: requireString(record, "name", source, where),
    configuration: settings,
  };
}
