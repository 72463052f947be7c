/**
 * The emulator's in-memory state: the seed with every default filled in,
 * and lookups that throw the API's 404 errors.
 */
import { HttpError } from "./http-error.js";
import type {
  AccountSeed,
  ConfigurationSeed,
  ConfigurationSettings,
  DeepscanSeed,
  FindingSeed,
  InsightSeed,
  RepositorySeed,
  ScanSeed,
  SeedFile,
} from "./seed.js";
import { completeSettings } from "./settings.js";
import { isUuid } from "./values.js";

export interface ConfigurationState extends ConfigurationSeed {
  configuration: ConfigurationSettings;
  created_at: string;
  updated_at: string;
}

export interface AccountState extends AccountSeed {
  configurations: ConfigurationState[];
  findings: FindingSeed[];
  scans: ScanSeed[];
  deepscans: DeepscanSeed[];
  insights: InsightSeed[];
}

/** A seed whose optional lists and settings keys are all filled in. */
export interface EmulatorState extends SeedFile {
  accounts: AccountState[];
}

/** The account fields that are lists of objects, not account attributes. */
const ACCOUNT_COLLECTIONS = new Set([
  "analyzers",
  "custom_policies",
  "configurations",
  "repositories",
  "findings",
  "scans",
  "deepscans",
  "insights",
]);

/**
 * Builds the state from a validated seed, without sharing objects with it.
 * Missing lists become empty, missing settings take their defaults, and a
 * configuration without timestamps takes its account's created_at.
 */
export function createState(seed: SeedFile): EmulatorState {
  const copy = structuredClone(seed);
  return { ...copy, accounts: copy.accounts.map(createAccountState) };
}

function createAccountState(account: AccountSeed): AccountState {
  return {
    ...account,
    configurations: account.configurations.map((configuration) => ({
      ...configuration,
      configuration: completeSettings(configuration.configuration),
      created_at: configuration.created_at ?? account.created_at,
      updated_at:
        configuration.updated_at ??
        configuration.created_at ??
        account.created_at,
    })),
    findings: account.findings ?? [],
    scans: account.scans ?? [],
    deepscans: account.deepscans ?? [],
    insights: account.insights ?? [],
  };
}

/**
 * Returns the account if the key's scope contains it. An account outside
 * the scope is reported exactly like one that does not exist.
 */
export function findAccount(
  state: EmulatorState,
  accountId: string,
  scope: ReadonlySet<string>,
): AccountState {
  const account = scope.has(accountId)
    ? state.accounts.find((a) => a.account_id === accountId)
    : undefined;
  if (account === undefined) {
    throw new HttpError(404, "account not found");
  }
  return account;
}

export function findConfiguration(
  account: AccountState,
  id: string,
): ConfigurationState {
  return findById(account.configurations, id, "configuration");
}

export function findRepository(
  account: AccountState,
  id: string,
): RepositorySeed {
  return findById(account.repositories, id, "repository");
}

/** Finds an object by id; a malformed id is simply not found. */
export function findById<T extends { id: string }>(
  items: readonly T[],
  id: string,
  kind: string,
): T {
  const item = isUuid(id) ? items.find((i) => i.id === id) : undefined;
  if (item === undefined) {
    throw new HttpError(404, `${kind} not found`);
  }
  return item;
}

/** Returns the account as GET /accounts lists it: every field but the lists. */
export function accountSummary(account: AccountState): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(account).filter(([key]) => !ACCOUNT_COLLECTIONS.has(key)),
  );
}
