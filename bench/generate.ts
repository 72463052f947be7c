import { stringify } from "yaml";
import type { SeedFile } from "../src/emulator/index.js";

/** The sizes of the benchmark accounts. */
export const SIZES = {
  S: { repositories: 200, configurations: 10, policies: 8 },
  L: { repositories: 5_000, configurations: 200, policies: 40 },
  XL: { repositories: 50_000, configurations: 1_000, policies: 40 },
} as const;

export type SizeName = keyof typeof SIZES;

export const BENCH_KEY = "dryrunsec_bench_0123456789abcdef";
export const ACCOUNT_ID = "b0000000-0000-4000-8000-000000000000";
const ANALYZERS = ["sqli", "xss", "ssrf", "idor", "secrets", "mass_assignment"];
const CREATED = "2026-01-01T00:00:00Z";

/** The changes a scenario's files make, counted as the plan must find them. */
export interface ExpectedChanges {
  creates: number;
  /** PATCH requests: single updates and renames. */
  patches: number;
  bulkUpdates: number;
  assigns: number;
  deletes: number;
}

export interface Scenario {
  size: SizeName;
  seed: SeedFile;
  /** Config files, name → content. */
  files: Record<string, string>;
  expected: ExpectedChanges;
  /** Objects of the account, for the page counts of the minimum. */
  counts: {
    repositories: number;
    liveConfigurations: number;
    finalConfigurations: number;
    policies: number;
    analyzers: number;
  };
}

const uuid = (kind: number, index: number) =>
  `${kind.toString(16).padStart(8, "0")}-0000-4000-8000-${index.toString(16).padStart(12, "0")}`;
const team = (index: number) => `team-${String(index).padStart(4, "0")}`;

/**
 * Generates a benchmark account and desired files with a known mix of
 * changes. Each team configuration claims its repositories by the pattern
 * `team-NNNN-*`. Among the teams, by index modulo 10 or 20:
 * 1 lowers the risk threshold (one bulk update for all of them),
 * 2 adds an integration of its own (one PATCH each),
 * 3, when also 3 modulo 50, is renamed (one PATCH each),
 * 4 modulo 20 also claims, by exact name, the first repository of the next
 * team (one assign each). One configuration per 50 teams is created, and
 * as many live `retired-*` configurations are pruned.
 */
export function generateScenario(size: SizeName): Scenario {
  const spec = SIZES[size];
  const teams = spec.configurations;
  const extra = Math.max(1, Math.floor(teams / 50));
  const perTeam = Math.floor((spec.repositories * 0.95) / teams);
  const unowned = spec.repositories - perTeam * teams;
  const policies = Array.from({ length: spec.policies }, (_, index) => ({
    id: uuid(0xc0, index),
    name: `Policy ${index}`,
  }));

  const configurations = [
    ...Array.from({ length: teams }, (_, index) => ({
      id: uuid(0xa0, index),
      name: team(index),
      configuration: liveSettings(index, policies),
      created_at: CREATED,
      updated_at: CREATED,
    })),
    ...Array.from({ length: extra }, (_, index) => ({
      id: uuid(0xa1, index),
      name: `retired-${index}`,
      configuration: liveSettings(index, policies),
      created_at: CREATED,
      updated_at: CREATED,
    })),
  ];
  const repositories = [
    ...Array.from({ length: teams * perTeam }, (_, index) => {
      const owner = Math.floor(index / perTeam);
      return repository(
        index,
        `${team(owner)}-svc-${index % perTeam}`,
        uuid(0xa0, owner),
      );
    }),
    ...Array.from({ length: unowned }, (_, index) =>
      repository(teams * perTeam + index, `unowned-${index}`, null),
    ),
  ];

  const desired = Array.from({ length: teams }, (_, index) =>
    desiredTeam(index, teams, policies),
  );
  const created = Array.from({ length: extra }, (_, index) => ({
    name: `new-${index}`,
    risk_threshold: 1,
    repositories: { names: [`unowned-${index}`] },
  }));
  const files: Record<string, string> = {};
  const all = [...desired, ...created];
  for (let start = 0; start < all.length; start += 100) {
    const file: Record<string, unknown> = { account: "bench" };
    if (start === 0) {
      file.settings = {
        prune: ["retired-*"],
        thresholds: {
          max_delete_percent: 100,
          max_moved_repositories_percent: 100,
        },
      };
    }
    file.configurations = all.slice(start, start + 100);
    files[`teams-${String(start / 100).padStart(3, "0")}.yaml`] = stringify(
      file,
      {
        version: "1.2",
      },
    );
  }

  const count = (test: (index: number) => boolean) =>
    Array.from({ length: teams }, (_, index) => index).filter(test).length;
  return {
    size,
    seed: {
      api_keys: [{ key: BENCH_KEY, accounts: [ACCOUNT_ID] }],
      accounts: [
        {
          account_id: ACCOUNT_ID,
          org_name: "bench",
          org_id: "org-bench",
          provider_type: "github",
          active: true,
          created_at: CREATED,
          analyzers: ANALYZERS.map((slug) => ({
            slug,
            name: `${slug} analyzer`,
          })),
          custom_policies: policies,
          configurations,
          repositories,
        },
      ],
    } as SeedFile,
    files,
    expected: {
      creates: extra,
      // One lowered threshold alone is a PATCH; two or more share a bulk update.
      patches:
        count((i) => i % 10 === 2) +
        count((i) => i % 50 === 3) +
        (count((i) => i % 10 === 1) === 1 ? 1 : 0),
      bulkUpdates: count((i) => i % 10 === 1) >= 2 ? 1 : 0,
      assigns: count((i) => i % 20 === 4 && i + 1 < teams),
      deletes: extra,
    },
    counts: {
      repositories: repositories.length,
      liveConfigurations: configurations.length,
      finalConfigurations: teams + extra,
      policies: policies.length,
      analyzers: ANALYZERS.length,
    },
  };
}

function liveSettings(index: number, policies: { id: string }[]) {
  return {
    comment: "disabled",
    show_scan_confirmation: false,
    risk_threshold: 3,
    analyzers: { sqli: true, xss: true },
    code_policies: [
      {
        id: policies[index % policies.length]?.id ?? "",
        enabled: true,
        silent: false,
        blocking: true,
      },
    ],
    notifications: {
      enabled: true,
      deduplicate: true,
      integrationNames: ["security"],
    },
  };
}

function desiredTeam(
  index: number,
  teams: number,
  policies: { name: string }[],
) {
  const name = index % 50 === 3 ? `${team(index)}-renamed` : team(index);
  const integrations =
    index % 10 === 2 ? ["security", `team-${index}-alerts`] : ["security"];
  const names =
    index % 20 === 4 && index + 1 < teams ? [`${team(index + 1)}-svc-0`] : [];
  return {
    name,
    ...(name !== team(index) ? { previous_names: [team(index)] } : {}),
    comment: "disabled",
    show_scan_confirmation: false,
    risk_threshold: index % 10 === 1 ? 2 : 3,
    analyzers: { sqli: true, xss: true },
    code_policies: [
      { policy: policies[index % policies.length]?.name ?? "", blocking: true },
    ],
    notifications: { enabled: true, deduplicate: true, integrations },
    repositories: {
      ...(names.length > 0 ? { names } : {}),
      include: [`${team(index)}-*`],
    },
  };
}

function repository(
  index: number,
  name: string,
  configurationId: string | null,
) {
  return {
    id: uuid(0xb0, index),
    name,
    provider_repo_id: String(100_000 + index),
    configuration_id: configurationId,
    enabled: true,
    created_at: CREATED,
  };
}
