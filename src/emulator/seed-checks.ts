/**
 * Rules that a seed must follow beyond its JSON schema: unique ids, and
 * references between objects that point at objects of the same seed.
 */
import type { AccountSeed, SeedFile } from "./seed.js";
import { foldName, joinPath } from "./values.js";

/** One problem of a seed, at a JSON path such as `accounts[0].name`. */
export interface SeedProblem {
  path: string;
  message: string;
}

/** Checks a seed that already matches the schema; returns every problem. */
export function checkSeedReferences(seed: SeedFile): SeedProblem[] {
  const problems: SeedProblem[] = [];
  const accountIds = new Set(seed.accounts.map((a) => a.account_id));

  problems.push(
    ...findDuplicates(
      seed.accounts,
      "accounts",
      (a) => a.account_id,
      "account_id",
    ),
    ...findDuplicates(seed.api_keys, "api_keys", (k) => k.key, "key"),
  );
  seed.api_keys.forEach((apiKey, keyIndex) => {
    apiKey.accounts.forEach((accountId, index) => {
      if (!accountIds.has(accountId)) {
        problems.push({
          path: `api_keys[${keyIndex}].accounts[${index}]`,
          message: `no account in this seed has account_id "${accountId}"; add the account or remove the id`,
        });
      }
    });
  });
  seed.accounts.forEach((account, index) => {
    problems.push(...checkAccount(account, `accounts[${index}]`));
  });
  return problems;
}

function checkAccount(account: AccountSeed, path: string): SeedProblem[] {
  return [
    ...checkUniqueIds(account, path),
    ...findDuplicates(
      account.analyzers,
      `${path}.analyzers`,
      (a) => a.slug,
      "slug",
    ),
    ...findDuplicates(
      account.configurations,
      `${path}.configurations`,
      (c) => foldName(c.name),
      "name",
      "configuration names must be unique, ignoring case",
    ),
    ...findDuplicates(
      account.insights ?? [],
      `${path}.insights`,
      (i) => i.date,
      "date",
    ),
    ...checkConfigurationReferences(account, path),
    ...checkRepositoryReferences(account, path),
  ];
}

/** Ids must be unique within each list of an account. */
function checkUniqueIds(account: AccountSeed, path: string): SeedProblem[] {
  const lists: Record<string, { id: string }[]> = {
    custom_policies: account.custom_policies,
    configurations: account.configurations,
    repositories: account.repositories,
    scans: account.scans ?? [],
    deepscans: account.deepscans ?? [],
  };
  return Object.entries(lists).flatMap(([name, items]) =>
    findDuplicates(items, `${path}.${name}`, (item) => item.id, "id"),
  );
}

function checkConfigurationReferences(
  account: AccountSeed,
  path: string,
): SeedProblem[] {
  const configurationIds = new Set(account.configurations.map((c) => c.id));
  const problems: SeedProblem[] = [];
  account.repositories.forEach((repository, index) => {
    const id = repository.configuration_id;
    if (id !== null && !configurationIds.has(id)) {
      problems.push({
        path: `${path}.repositories[${index}].configuration_id`,
        message: `no configuration of this account has id "${id}"; use the id of one of ${path}.configurations, or null`,
      });
    }
  });
  return problems;
}

/** Findings, scans and deepscans must belong to a repository of the account. */
function checkRepositoryReferences(
  account: AccountSeed,
  path: string,
): SeedProblem[] {
  const repositoryIds = new Set(account.repositories.map((r) => r.id));
  const problems: SeedProblem[] = [];
  const collections = {
    findings: account.findings ?? [],
    scans: account.scans ?? [],
    deepscans: account.deepscans ?? [],
  };
  for (const [name, items] of Object.entries(collections)) {
    items.forEach((item, index) => {
      if (!repositoryIds.has(item.repository_id)) {
        problems.push({
          path: `${path}.${name}[${index}].repository_id`,
          message: `no repository of this account has id "${item.repository_id}"; use the id of one of ${path}.repositories`,
        });
      }
    });
  }
  return problems;
}

/**
 * Reports every item whose key equals the key of an earlier item. The
 * message names the earlier item but never prints the key itself, because
 * the key may be a secret.
 */
function findDuplicates<T>(
  items: readonly T[],
  path: string,
  keyOf: (item: T) => string,
  field: string,
  rule = `each ${field} must be unique`,
): SeedProblem[] {
  const firstIndexByKey = new Map<string, number>();
  const problems: SeedProblem[] = [];
  items.forEach((item, index) => {
    const key = keyOf(item);
    const firstIndex = firstIndexByKey.get(key);
    if (firstIndex === undefined) {
      firstIndexByKey.set(key, index);
      return;
    }
    problems.push({
      path: joinPath(`${path}[${index}]`, field),
      message: `repeats the ${field} of ${path}[${firstIndex}]; ${rule}`,
    });
  });
  return problems;
}
