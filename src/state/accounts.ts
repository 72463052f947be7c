import type { Account } from "../api/index.js";

export type AccountMatch =
  | { kind: "found"; account: Account }
  | { kind: "not-found"; available: Account[] }
  | { kind: "ambiguous"; candidates: Account[] };

/**
 * Finds the account a config file names, by account UUID or by organization
 * name, among the accounts the API key can access.
 */
export function findAccount(
  accounts: readonly Account[],
  reference: string,
): AccountMatch {
  const byId = accounts.find(
    (account) => account.account_id.toLowerCase() === reference.toLowerCase(),
  );
  if (byId) return { kind: "found", account: byId };

  const byName = accounts.filter(
    (account) => account.org_name.normalize("NFC") === reference,
  );
  if (byName.length === 1 && byName[0]) {
    return { kind: "found", account: byName[0] };
  }
  if (byName.length > 1) return { kind: "ambiguous", candidates: byName };
  return { kind: "not-found", available: [...accounts] };
}
