import { plural } from "./format-value.js";
import { describeSafety } from "./safety.js";
import { code, escapeHtml, tableCell } from "./markdown.js";
import { renderImpactMarkdown } from "./render-impact.js";
import { movedAwayNote, renderChangeLines } from "./render-text.js";
import type { AccountPlan, PlannedChange } from "./types.js";

/** GitHub rejects comments over 65,536 characters; this leaves room. */
export const MAX_MARKDOWN_LENGTH = 60_000;

const TITLES: Record<PlannedChange["action"], string> = {
  create: "create",
  update: "update",
  bulk_update: "bulk update",
  assign: "assign repositories",
  delete: "delete",
};

/**
 * Renders plans as Markdown for a pull request comment: per account a
 * summary table, then each change in a collapsible block with the same
 * lines as the text plan. Past MAX_MARKDOWN_LENGTH characters the blocks
 * that do not fit are left out, and a note gives their count.
 */
export function renderPlanMarkdown(plans: readonly AccountPlan[]): string {
  const parts: string[] = ["## dryrun-config plan", ""];
  const impact = renderImpactMarkdown(plans);
  if (impact) parts.push(impact.trimEnd(), "");
  const blocks: string[] = [];
  for (const plan of plans) {
    parts.push(...accountSummary(plan));
    for (const change of plan.changes) blocks.push(changeBlock(change));
  }
  if (plans.every((plan) => plan.changes.length === 0)) {
    return `${parts.join("\n")}\nNo changes. Every account matches the files.\n`;
  }

  // Room is kept for the note; a block that does not fit is left out, and
  // the smaller blocks after it still get their chance.
  let text = `${parts.join("\n")}\n`;
  let hidden = 0;
  for (const block of blocks) {
    if (text.length + block.length + 300 > MAX_MARKDOWN_LENGTH) hidden++;
    else text += block;
  }
  if (hidden > 0) {
    text += `\n> **Note:** ${plural(hidden, "change is", "changes are")} not shown, to keep this comment under ${MAX_MARKDOWN_LENGTH} characters. Run \`dryrun-config plan\` to see the whole plan.\n`;
  }
  return text;
}

function accountSummary(plan: AccountPlan): string[] {
  const lines = [
    `### Account ${code(plan.account.name)} (\`${plan.account.id}\`)`,
    "",
  ];
  if (plan.changes.length === 0) {
    const none = plan.narrowed
      ? "No changes in the selected configurations."
      : "No changes. The account matches the files.";
    return [...lines, none, ""];
  }
  lines.push("| action | requests | configurations | repositories |");
  lines.push("| --- | ---: | --- | ---: |");
  for (const action of Object.keys(TITLES) as PlannedChange["action"][]) {
    const changes = plan.changes.filter((change) => change.action === action);
    if (changes.length === 0) continue;
    const names = changes
      .flatMap((change) => change.configurations.map((ref) => code(ref.name)))
      .join(", ");
    const repositories = changes.reduce(
      (sum, change) => sum + change.repositories.length,
      0,
    );
    lines.push(
      `| ${TITLES[action]} | ${changes.length} | ${tableCell(names)} | ${repositories} |`,
    );
  }
  lines.push("");
  for (const check of plan.safety.filter((entry) => entry.exceeded)) {
    lines.push(
      `> **Warning:** ${describeSafety(check)}; apply needs --force.`,
      "",
    );
  }
  if (plan.unmanaged.length > 0) {
    const names = plan.unmanaged
      .map((entry) => `${code(entry.name)}${movedAwayNote(entry)}`)
      .join(", ");
    lines.push(
      `Unmanaged configurations, not updated or deleted: ${names}.`,
      "",
    );
  }
  return lines;
}

/** Lines of one change shown at most; the rest are counted in a note. */
const MAX_BLOCK_LINES = 200;

function changeBlock(change: PlannedChange): string {
  const [summary, ...details] = renderChangeLines(change);
  const shown = details
    .slice(0, MAX_BLOCK_LINES)
    .map((line) => line.replace(/^ {6}/, ""));
  if (details.length > MAX_BLOCK_LINES) {
    shown.push(
      `… ${details.length - MAX_BLOCK_LINES} more lines; run dryrun-config plan to see them`,
    );
  }
  const body = shown.join("\n");
  // A fence longer than any run of backticks in the body, which a name
  // could contain, so the block cannot be closed early.
  const runs = body.match(/`{3,}/g) ?? [];
  const fence = "`".repeat(Math.max(3, ...runs.map((run) => run.length + 1)));
  return [
    "<details>",
    `<summary>${escapeHtml(summary?.trim() ?? "")}</summary>`,
    "",
    `${fence}diff`,
    body,
    fence,
    "",
    "</details>",
    "",
  ].join("\n");
}
