import { structuredPatch } from "diff";
import { displayName } from "../util/display-path.js";
import type { FieldChange, FlatSettings } from "./compare.js";
import { renderImpactText } from "./render-impact.js";
import { describeSafety } from "./safety.js";
import { formatValue, padNames, plural } from "./format-value.js";
import type {
  AccountPlan,
  PlannedChange,
  RepositoryMove,
  UnmanagedConfiguration,
} from "./types.js";

const UNMANAGED_HEADING =
  "Unmanaged configurations (no file declares them; not updated or deleted):";

const SYMBOLS: Record<PlannedChange["action"], string> = {
  create: "+",
  update: "~",
  bulk_update: "~",
  assign: "↻",
  delete: "-",
};

/**
 * Renders plans as text in the manner of `terraform plan`: one block per
 * change with its symbol (+ create, ~ update, ↻ assign, - delete), the
 * changed fields, the repositories moved, then a summary line.
 */
export function renderPlanText(plans: readonly AccountPlan[]): string {
  const blocks = plans.map((plan) => renderAccount(plan, plans.length > 1));
  const impact = renderImpactText(plans);
  const warnings = plans.flatMap((plan) =>
    plan.safety
      .filter((check) => check.exceeded)
      .map(
        (check) =>
          `Warning: account ${displayName(plan.account.name)}: ${describeSafety(check)}; apply needs --force.\n`,
      ),
  );
  return `${impact}${blocks.join("\n")}\n${summaryLine(plans)}\n${warnings.join("")}`;
}

function renderAccount(plan: AccountPlan, several: boolean): string {
  const lines = [
    `Account ${displayName(plan.account.name)} (${plan.account.id})`,
    "",
  ];
  if (plan.changes.length === 0 && several) {
    lines.push("  No changes in this account.", "");
  }
  for (const change of plan.changes) {
    lines.push(...renderChangeLines(change), "");
  }
  if (plan.unmanaged.length > 0) {
    lines.push(`  ${UNMANAGED_HEADING}`);
    for (const entry of plan.unmanaged) {
      const repositories = plural(
        entry.repositoryCount,
        "repository",
        "repositories",
      );
      lines.push(
        `    ${displayName(entry.name)} (id ${entry.id}, ${repositories}${movedAwayNote(entry)})`,
      );
    }
    lines.push("");
  }
  if (plan.unclaimedRepositories > 0) {
    const single = plan.unclaimedRepositories === 1;
    lines.push(
      single
        ? "  1 repository claimed by no configuration keeps its current configuration."
        : `  ${plan.unclaimedRepositories} repositories claimed by no configuration keep their current configuration.`,
      "",
    );
  }
  return lines.join("\n");
}

/** Renders one change: its headline, then its settings and repositories. */
export function renderChangeLines(change: PlannedChange): string[] {
  const symbol = SYMBOLS[change.action];
  const lines = [`  ${symbol} ${headline(change)}`];
  if (change.action === "update" && change.settings) {
    lines.push(...settingsDiff(change.settings).map((line) => `      ${line}`));
  } else {
    const pad = padNames(change.fields.map((field) => field.field));
    for (const field of change.fields) {
      lines.push(`      ${fieldLine(change, field, pad)}`);
    }
  }
  if (change.action === "delete" && change.repositories.length > 0) {
    lines.push(
      `      ${plural(change.repositories.length, "repository", "repositories")} left with no configuration:`,
    );
  }
  lines.push(...repositoryLines(change.repositories));
  return lines;
}

function headline(change: PlannedChange): string {
  const [first] = change.configurations;
  const name = JSON.stringify(first?.name ?? "");
  const id = first?.id ? ` (id ${first.id})` : "";
  switch (change.action) {
    case "create": {
      const count = plural(
        change.repositories.length,
        "repository",
        "repositories",
      );
      return `create configuration ${name} with ${count}`;
    }
    case "update":
      return change.rename
        ? `update configuration ${name}${id}, renamed from ${JSON.stringify(change.rename.from)}`
        : `update configuration ${name}${id}`;
    case "bulk_update": {
      const names = change.configurations.map((ref) =>
        JSON.stringify(ref.name),
      );
      return `update ${change.configurations.length} configurations in one bulk update: ${names.join(", ")}`;
    }
    case "assign": {
      const count = plural(
        change.repositories.length,
        "repository",
        "repositories",
      );
      return `assign ${count} to configuration ${name}${id}`;
    }
    case "delete":
      return `delete configuration ${name}${id}`;
  }
}

function fieldLine(
  change: PlannedChange,
  field: FieldChange,
  pad: (name: string) => string,
): string {
  if (change.action === "create") {
    return `+ ${pad(field.field)} = ${formatValue(field.after)}`;
  }
  if (field.after === undefined) {
    return `- ${pad(field.field)} = ${formatValue(field.before)}`;
  }
  if (field.before === undefined) {
    return `+ ${pad(field.field)} = ${formatValue(field.after)}`;
  }
  return `~ ${pad(field.field)} = ${formatValue(field.before)} -> ${formatValue(field.after)}`;
}

/**
 * Renders the settings of an update as a unified diff of `field = value`
 * lines, live before files, with one line of context around each change.
 * Hunks are separated by `...` instead of `@@` headers.
 */
function settingsDiff(settings: {
  before: FlatSettings;
  after: FlatSettings;
}): string[] {
  const pad = padNames([
    ...Object.keys(settings.before),
    ...Object.keys(settings.after),
  ]);
  const text = (flat: FlatSettings) =>
    Object.entries(flat)
      .map(([field, value]) => `${pad(field)} = ${formatValue(value)}\n`)
      .join("");
  const patch = structuredPatch(
    "account",
    "files",
    text(settings.before),
    text(settings.after),
    undefined,
    undefined,
    { context: 1 },
  );
  return patch.hunks.flatMap((hunk, index) => [
    ...(index > 0 ? ["..."] : []),
    ...hunk.lines.map((line) => line.trimEnd()),
  ]);
}

function repositoryLines(moves: readonly RepositoryMove[]): string[] {
  const names = moves.map((move) => displayName(move.name));
  const pad = padNames(names);
  return moves.map(
    (move, index) =>
      `        ${pad(names[index] ?? "")}  from ${move.from ? JSON.stringify(move.from.name) : "no configuration"}`,
  );
}

function summaryLine(plans: readonly AccountPlan[]): string {
  const changes = plans.flatMap((plan) => plan.changes);
  if (changes.length === 0) {
    return plans.some((plan) => plan.narrowed)
      ? "No changes in the selected configurations."
      : "No changes. Everything matches the files.";
  }
  const count = (action: PlannedChange["action"]) =>
    changes.filter((change) => change.action === action);
  const updated =
    count("update").length +
    count("bulk_update").reduce((sum, c) => sum + c.configurations.length, 0);
  const assigned = [...count("create"), ...count("assign")].reduce(
    (sum, change) => sum + change.repositories.length,
    0,
  );
  return (
    `Plan: ${count("create").length} to create, ${updated} to update, ` +
    `${plural(assigned, "repository", "repositories")} to assign, ` +
    `${count("delete").length} to delete ` +
    `(${plural(changes.length, "API call")}).`
  );
}

/**
 * Notes how many of an unmanaged configuration's repositories the plan
 * moves to declared configurations: the plan does not change the
 * configuration, but it can empty it.
 */
export function movedAwayNote(entry: UnmanagedConfiguration): string {
  if (entry.movedAway === 0) return "";
  const moved =
    entry.movedAway === entry.repositoryCount
      ? "all of them"
      : `${entry.movedAway} of them`;
  return `; the plan moves ${moved} to declared configurations`;
}
