import type { SeedFile } from "../../src/emulator/index.js";

export const KEY = "dryrunsec_test_0123456789";
export const ACCOUNT = "11111111-1111-4111-8111-111111111111";
export const POLICY_CREDENTIALS = "22222222-2222-4222-8222-000000000001";
export const POLICY_PII = "22222222-2222-4222-8222-000000000002";
export const CREATED = "2026-01-01T00:00:00Z";

/** A repository id made from a small number, for readable fixtures. */
export function repositoryId(index: number): string {
  return `33333333-3333-4333-8333-${String(index).padStart(12, "0")}`;
}

export function configurationId(index: number): string {
  return `44444444-4444-4444-8444-${String(index).padStart(12, "0")}`;
}

export interface SmallSeedOptions {
  repositories?: { name: string; configuration?: number }[];
  configurations?: { index: number; name: string; configuration?: object }[];
}

/**
 * A small account "acme" with one key, two analyzers, two policies and the
 * given repositories and configurations.
 */
export function smallSeed(options: SmallSeedOptions = {}): SeedFile {
  return {
    api_keys: [{ key: KEY, accounts: [ACCOUNT] }],
    accounts: [
      {
        account_id: ACCOUNT,
        org_name: "acme",
        org_id: "org-acme",
        provider_type: "github",
        active: true,
        created_at: CREATED,
        analyzers: [
          { slug: "sqli", name: "SQL Injection Analyzer" },
          { slug: "xss", name: "Cross-Site Scripting Analyzer" },
        ],
        custom_policies: [
          { id: POLICY_CREDENTIALS, name: "No hardcoded credentials" },
          { id: POLICY_PII, name: "No PII in logs" },
        ],
        configurations: (options.configurations ?? []).map((entry) => ({
          id: configurationId(entry.index),
          name: entry.name,
          configuration: entry.configuration ?? {},
          created_at: CREATED,
          updated_at: CREATED,
        })),
        repositories: (options.repositories ?? []).map((entry, index) => ({
          id: repositoryId(index + 1),
          name: entry.name,
          provider_repo_id: String(1000 + index),
          configuration_id:
            entry.configuration === undefined
              ? null
              : configurationId(entry.configuration),
          enabled: true,
          created_at: CREATED,
        })),
      },
    ],
  } as SeedFile;
}
