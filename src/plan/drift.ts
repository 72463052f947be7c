import { compareStrings } from "../util/compare.js";
import type { AccountPlan, PlannedChange } from "./types.js";

/** One way a configuration of the account differs from the files. */
export type Difference =
  | { kind: "missing" }
  | { kind: "pruned" }
  | { kind: "renamed"; account: string }
  | { kind: "field"; field: string; account: unknown; files: unknown }
  | {
      kind: "assignment";
      repository: string;
      /** The configuration the repository has in the account, or null. */
      account: string | null;
      files: string;
    };

export interface DriftEntry {
  name: string;
  id: string | undefined;
  declaredAt: string | undefined;
  differences: Difference[];
}

export interface AccountDrift {
  account: AccountPlan["account"];
  /** Drifted configurations, sorted by name. */
  entries: DriftEntry[];
  unmanaged: AccountPlan["unmanaged"];
}

/**
 * Turns plans into a drift report: what the plan would change is what
 * drifted. A configuration created outside the files is drift when `prune`
 * covers it, because the plan deletes it. Otherwise it is listed with the
 * unmanaged ones, for information.
 */
export function driftOf(plan: AccountPlan): AccountDrift {
  const entries = new Map<string, DriftEntry>();
  const entryFor = (change: PlannedChange, index: number) => {
    const ref = change.configurations[index];
    const name = ref?.name ?? "";
    const declaredAt = ref?.declaredAt ?? change.declaredAt;
    const entry = entries.get(name) ?? {
      name,
      id: ref?.id,
      declaredAt,
      differences: [],
    };
    entry.declaredAt ??= declaredAt;
    entries.set(name, entry);
    return entry;
  };
  for (const change of plan.changes) {
    change.configurations.forEach((_, index) => {
      entryFor(change, index).differences.push(...differencesOf(change));
    });
  }
  const sorted = [...entries.values()].sort((a, b) =>
    compareStrings(a.name, b.name),
  );
  return { account: plan.account, entries: sorted, unmanaged: plan.unmanaged };
}

function differencesOf(change: PlannedChange): Difference[] {
  switch (change.action) {
    case "create":
      return [{ kind: "missing" }];
    case "delete":
      return [{ kind: "pruned" }];
    case "assign": {
      const files = change.configurations[0]?.name ?? "";
      return change.repositories.map((move) => ({
        kind: "assignment",
        repository: move.name,
        account: move.from?.name ?? null,
        files,
      }));
    }
    case "update":
    case "bulk_update": {
      const differences: Difference[] = change.fields.map((field) => ({
        kind: "field",
        field: field.field,
        account: field.before,
        files: field.after,
      }));
      if (change.rename) {
        differences.unshift({ kind: "renamed", account: change.rename.from });
      }
      return differences;
    }
  }
}

/** Counts the drifted configurations of every account. */
export function countDrifted(drifts: readonly AccountDrift[]): number {
  return drifts.reduce((sum, drift) => sum + drift.entries.length, 0);
}

/** Renders the drift report as JSON, where `drifted` counts configurations. */
export function renderDriftJson(drifts: readonly AccountDrift[]): string {
  const document = {
    format_version: 1,
    drifted: countDrifted(drifts),
    accounts: drifts.map((drift) => ({
      account: drift.account,
      configurations: drift.entries.map((entry) => ({
        name: entry.name,
        id: entry.id ?? null,
        declared_at: entry.declaredAt ?? null,
        differences: entry.differences.map(differenceToJson),
      })),
      unmanaged: drift.unmanaged.map((entry) => ({
        name: entry.name,
        id: entry.id,
        repository_count: entry.repositoryCount,
      })),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function differenceToJson(difference: Difference): Record<string, unknown> {
  if (difference.kind !== "field") return { ...difference };
  return {
    kind: "field",
    field: difference.field,
    account: difference.account ?? null,
    files: difference.files ?? null,
  };
}
