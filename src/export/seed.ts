import { randomBytes } from "node:crypto";
import type { LiveSnapshot } from "../state/index.js";
import { isRecord } from "../util/record.js";

/**
 * Converts a live snapshot to the emulator's seed format, so that a change
 * can be rehearsed offline against a copy of the account. The seed gets a
 * new random API key for the emulator, never the key the export used.
 * Fields the seed format requires but the API did not return get neutral
 * values: an empty org id, provider "github", active, and `createdAt`.
 * Settings the API returned as null are left out, so the emulator shows
 * its defaults for them.
 */
export function exportSeed(snapshot: LiveSnapshot, createdAt: Date): unknown {
  const { account } = snapshot;
  const now = createdAt.toISOString();
  return {
    api_keys: [
      {
        key: `dryrunsec_emulator_${randomBytes(16).toString("hex")}`,
        accounts: [account.account_id],
      },
    ],
    accounts: [
      {
        ...account,
        org_id: account.org_id ?? "",
        provider_type: account.provider_type ?? "github",
        active: account.active ?? true,
        created_at: stringOr(account, "created_at", now),
        analyzers: snapshot.analyzers.map((analyzer) => ({
          ...analyzer,
          name: analyzer.name ?? analyzer.slug,
        })),
        custom_policies: snapshot.customPolicies,
        configurations: snapshot.configurations.map((configuration) => ({
          ...configuration,
          configuration: withoutNulls(configuration.configuration ?? {}),
        })),
        repositories: snapshot.repositories.map((repository, index) => ({
          ...repository,
          provider_repo_id:
            (repository as { provider_repo_id?: unknown }).provider_repo_id ??
            String(index + 1),
          enabled: repository.enabled ?? true,
          created_at: stringOr(repository, "created_at", now),
        })),
      },
    ],
  };
}

function stringOr(record: object, key: string, fallback: string): string {
  const value = (record as Record<string, unknown>)[key];
  return typeof value === "string" ? value : fallback;
}

function withoutNulls(value: object): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null || entry === undefined) continue;
    result[key] =
      isRecord(entry) && key === "notifications" ? withoutNulls(entry) : entry;
  }
  return result;
}
