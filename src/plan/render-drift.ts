import { displayName } from "../util/display-path.js";
import { code, escapeMarkdown } from "./markdown.js";
import { formatValue, plural } from "./format-value.js";
import { countDrifted, type AccountDrift, type Difference } from "./drift.js";

/**
 * Renders a drift report as text: per configuration, each field and each
 * repository assignment where the account differs from the files, then the
 * configurations that exist only in the account, for information.
 */
export function renderDriftText(drifts: readonly AccountDrift[]): string {
  const blocks = drifts.map(renderAccount);
  return `${blocks.join("\n")}\n${summaryLine(drifts)}\n`;
}

function summaryLine(drifts: readonly AccountDrift[]): string {
  const drifted = countDrifted(drifts);
  if (drifted === 0) return "No drift. Every account matches the files.";
  const verb = drifted === 1 ? "differs" : "differ";
  return `Drift found: ${plural(drifted, "configuration")} ${verb} from the files.`;
}

function renderAccount(drift: AccountDrift): string {
  const lines = [
    `Account ${displayName(drift.account.name)} (${drift.account.id})`,
    "",
  ];
  if (drift.entries.length === 0) lines.push("  No drift in this account.", "");
  for (const entry of drift.entries) {
    const where = [entry.declaredAt, entry.id && `id ${entry.id}`]
      .filter(Boolean)
      .join(", ");
    lines.push(`  configuration ${JSON.stringify(entry.name)} (${where})`);
    for (const difference of entry.differences) {
      lines.push(`      ${describeDifference(difference)}`);
    }
    lines.push("");
  }
  if (drift.unmanaged.length > 0) {
    lines.push("  Unmanaged configurations (no file declares them):");
    for (const entry of drift.unmanaged) {
      const count = plural(entry.repositoryCount, "repository", "repositories");
      lines.push(`    ${displayName(entry.name)} (id ${entry.id}, ${count})`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

/** Describes a difference in one line, the account's side first. */
export function describeDifference(difference: Difference): string {
  switch (difference.kind) {
    case "missing":
      return "missing from the account";
    case "pruned":
      return "exists in the account, and prune removes it";
    case "renamed":
      return `named ${JSON.stringify(difference.account)} in the account`;
    case "assignment": {
      const account =
        difference.account === null
          ? "no configuration"
          : JSON.stringify(difference.account);
      return `repository ${displayName(difference.repository)}: ${account} in the account, ${JSON.stringify(difference.files)} in the files`;
    }
    case "field": {
      const account =
        difference.account === undefined
          ? "absent from the account"
          : `${formatValue(difference.account)} in the account`;
      const files =
        difference.files === undefined
          ? "absent from the files"
          : `${formatValue(difference.files)} in the files`;
      return `${difference.field}: ${account}, ${files}`;
    }
  }
}

/** Renders a drift report as Markdown, for a job summary or an issue. */
export function renderDriftMarkdown(drifts: readonly AccountDrift[]): string {
  const lines = ["## dryrun-config drift", ""];
  for (const drift of drifts) {
    lines.push(
      `### Account ${code(drift.account.name)} (\`${drift.account.id}\`)`,
      "",
    );
    if (drift.entries.length === 0) {
      lines.push("No drift in this account.", "");
    }
    for (const entry of drift.entries) {
      const where = entry.declaredAt ? ` (${entry.declaredAt})` : "";
      lines.push(`- **${code(entry.name)}**${where}`);
      for (const difference of entry.differences) {
        lines.push(`  - ${escapeMarkdown(describeDifference(difference))}`);
      }
    }
    if (drift.entries.length > 0) lines.push("");
    if (drift.unmanaged.length > 0) {
      const names = drift.unmanaged.map((entry) => code(entry.name)).join(", ");
      lines.push(`Unmanaged configurations: ${names}.`, "");
    }
  }
  lines.push(`**${summaryLine(drifts)}**`);
  return `${lines.join("\n")}\n`;
}
