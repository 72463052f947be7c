/**
 * Changes to an account's configurations and to the repositories assigned
 * to them. Callers validate first; these functions only apply.
 */
import { randomUUID } from "node:crypto";
import type { ConfigurationRequest } from "./configuration-requests.js";
import { completeSettings, mergeSettings } from "./settings.js";
import type { AccountState, ConfigurationState } from "./state.js";

/** Appends a new configuration and assigns the requested repositories. */
export function createConfiguration(
  account: AccountState,
  request: ConfigurationRequest,
): ConfigurationState {
  if (request.name === undefined) {
    throw new Error("a create request must carry a name; validation missed it");
  }
  const now = new Date().toISOString();
  const configuration: ConfigurationState = {
    id: randomUUID(),
    name: request.name,
    configuration: completeSettings(request.settings ?? {}),
    created_at: now,
    updated_at: now,
  };
  account.configurations.push(configuration);
  assignRepositories(account, configuration.id, request.repositoryIds);
  return configuration;
}

/**
 * Applies a PUT or PATCH. `replace` resets every setting that the request
 * leaves out to its default; `update` keeps it. updated_at changes when the
 * request sends a name or settings.
 */
export function changeConfiguration(
  account: AccountState,
  configuration: ConfigurationState,
  request: ConfigurationRequest,
  kind: "replace" | "update",
): void {
  if (request.name !== undefined) {
    configuration.name = request.name;
  }
  if (kind === "replace") {
    configuration.configuration = completeSettings(request.settings ?? {});
  } else if (request.settings !== undefined) {
    configuration.configuration = mergeSettings(
      configuration.configuration,
      request.settings,
    );
  }
  if (
    kind === "replace" ||
    request.name !== undefined ||
    request.settings !== undefined
  ) {
    configuration.updated_at = new Date().toISOString();
  }
  assignRepositories(account, configuration.id, request.repositoryIds);
}

/**
 * Removes a configuration; repositories that pointed at it are left with
 * no configuration.
 */
export function deleteConfiguration(
  account: AccountState,
  configurationId: string,
): void {
  account.configurations = account.configurations.filter(
    (c) => c.id !== configurationId,
  );
  for (const repository of account.repositories) {
    if (repository.configuration_id === configurationId) {
      repository.configuration_id = null;
    }
  }
}

/** Points each listed repository at the configuration. */
export function assignRepositories(
  account: AccountState,
  configurationId: string,
  repositoryIds: readonly string[],
): void {
  const selected = new Set(repositoryIds);
  for (const repository of account.repositories) {
    if (selected.has(repository.id)) {
      repository.configuration_id = configurationId;
    }
  }
}
