import { compareStrings } from "../util/compare.js";
import type { FieldChange } from "./compare.js";
import { formatValue, plural } from "./format-value.js";
import { UNMANAGED_HEADING } from "./render-text.js";
import type { AccountPlan, PlannedChange } from "./types.js";

interface DriftEntry {
  name: string;
  id: string | undefined;
  declaredAt: string | undefined;
  lines: string[];
}

/**
 * Renders plans as a drift report: per configuration, each field and each
 * repository assignment where the account differs from the files, then the
 * configurations that exist only in the account, for information.
 */
export function renderDriftText(plans: readonly AccountPlan[]): string {
  const blocks = plans.map(renderAccount);
  const drifted = plans.reduce(
    (sum, plan) => sum + driftEntries(plan).length,
    0,
  );
  const summary =
    drifted === 0
      ? "No drift. Every account matches the files."
      : `Drift found: ${plural(drifted, "configuration")} ${drifted === 1 ? "differs" : "differ"} from the files.`;
  return `${blocks.join("\n")}\n${summary}\n`;
}

function renderAccount(plan: AccountPlan): string {
  const lines = [`Account ${plan.account.name} (${plan.account.id})`, ""];
  const entries = driftEntries(plan);
  if (entries.length === 0) lines.push("  No drift.", "");
  for (const entry of entries) {
    const where = [entry.declaredAt, entry.id && `id ${entry.id}`]
      .filter(Boolean)
      .join(", ");
    lines.push(`  configuration ${JSON.stringify(entry.name)} (${where})`);
    lines.push(...entry.lines.map((line) => `      ${line}`), "");
  }
  if (plan.unmanaged.length > 0) {
    lines.push(`  ${UNMANAGED_HEADING}`);
    for (const entry of plan.unmanaged) {
      const count = plural(entry.repositoryCount, "repository", "repositories");
      lines.push(`    ${entry.name} (id ${entry.id}, ${count})`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

/** Groups the changes of a plan by configuration, sorted by name. */
export function driftEntries(plan: AccountPlan): DriftEntry[] {
  const entries = new Map<string, DriftEntry>();
  const entryFor = (change: PlannedChange, index: number) => {
    const ref = change.configurations[index];
    const name = ref?.name ?? "";
    let entry = entries.get(name);
    if (entry === undefined) {
      entry = { name, id: ref?.id, declaredAt: change.declaredAt, lines: [] };
      entries.set(name, entry);
    }
    entry.declaredAt ??= change.declaredAt;
    return entry;
  };

  for (const change of plan.changes) {
    change.configurations.forEach((_, index) => {
      entryFor(change, index).lines.push(...describeChange(change));
    });
  }
  return [...entries.values()].sort((a, b) => compareStrings(a.name, b.name));
}

function describeChange(change: PlannedChange): string[] {
  switch (change.action) {
    case "create":
      return ["missing from the account"];
    case "delete":
      return ["exists in the account, and prune removes it"];
    case "assign": {
      const target = JSON.stringify(change.configurations[0]?.name ?? "");
      return change.repositories.map((move) => {
        const now = move.from
          ? JSON.stringify(move.from.name)
          : "no configuration";
        return `repository ${move.name}: ${now} in the account, ${target} in the files`;
      });
    }
    case "update":
    case "bulk_update": {
      const lines = change.fields.map(describeField);
      if (change.rename) {
        lines.unshift(
          `named ${JSON.stringify(change.rename.from)} in the account`,
        );
      }
      return lines;
    }
  }
}

function describeField(field: FieldChange): string {
  const account =
    field.before === undefined
      ? "absent from the account"
      : `${formatValue(field.before)} in the account`;
  const files =
    field.after === undefined
      ? "absent from the files"
      : `${formatValue(field.after)} in the files`;
  return `${field.field}: ${account}, ${files}`;
}
