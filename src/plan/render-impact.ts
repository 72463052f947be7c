import { formatValue, plural } from "./format-value.js";
import { escapeMarkdown } from "./markdown.js";
import type { ImpactFinding } from "./impact.js";
import type { AccountPlan, PlannedChange } from "./types.js";

interface Located {
  change: PlannedChange;
  finding: ImpactFinding;
  /** The account's name, given when the plan covers several accounts. */
  account?: string;
}

function weakening(plans: readonly AccountPlan[]): Located[] {
  return plans.flatMap((plan) =>
    plan.changes.flatMap((change) =>
      change.impact.findings
        .filter((finding) => finding.impact === "weakening")
        .map((finding) => ({
          change,
          finding,
          ...(plans.length > 1 ? { account: plan.account.name } : {}),
        })),
    ),
  );
}

function levelCounts(plans: readonly AccountPlan[]) {
  const levels = plans.flatMap((plan) =>
    plan.changes.map((c) => c.impact.level),
  );
  return {
    total: levels.length,
    weakening: levels.filter((level) => level === "weakening").length,
    tightening: levels.filter((level) => level === "tightening").length,
    neutral: levels.filter((level) => level === "neutral").length,
  };
}

/**
 * Counts the changes per impact, and the weakening findings listed below
 * it, which can outnumber the weakening changes: "of 4 changes: 1
 * weakening (2 findings below), 0 tightening, 3 neutral".
 */
function summary(
  counts: ReturnType<typeof levelCounts>,
  findings: number,
  strong: (text: string) => string = (text) => text,
): string {
  const listed = findings > 0 ? ` (${plural(findings, "finding")} below)` : "";
  return `of ${plural(counts.total, "change")}: ${strong(`${counts.weakening} weakening`)}${listed}, ${counts.tightening} tightening, ${counts.neutral} neutral`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Describes one weakening finding: where, what, why, and how wide. */
export function describeFinding(located: Located): string {
  const text = describeInAccount(located);
  return located.account === undefined
    ? text
    : `account ${located.account}: ${text}`;
}

function describeInAccount({ change, finding }: Located): string {
  const names = change.configurations.map((ref) => JSON.stringify(ref.name));
  const where = `configuration ${names.join(", ")}`;
  const scope = plural(finding.repositories, "repository", "repositories");
  if (finding.subject === "configuration") {
    return `${where}: ${finding.reason} (${scope})`;
  }
  if (finding.subject === "repositories") {
    const from =
      finding.before === null
        ? "no configuration"
        : JSON.stringify(finding.before);
    const to =
      finding.after === null
        ? "no configuration"
        : JSON.stringify(finding.after);
    return `${scope} from ${from} to ${to}: ${finding.reason}`;
  }
  return `${where}: ${finding.subject} ${formatValue(finding.before)} -> ${formatValue(finding.after)}: ${finding.reason} (${scope})`;
}

/**
 * Renders the "Security impact" section that every plan starts with: the
 * count of changes per impact, then each weakening finding.
 */
export function renderImpactText(plans: readonly AccountPlan[]): string {
  const counts = levelCounts(plans);
  if (counts.total === 0) return "";
  const findings = weakening(plans);
  const lines = [`Security impact ${summary(counts, findings.length)}.`];
  if (findings.length > 0) {
    lines.push("  Weakening (apply needs --allow-weakening):");
    for (const located of findings)
      lines.push(`    ! ${describeFinding(located)}`);
  }
  return `${lines.join("\n")}\n\n`;
}

/** Renders the same section in Markdown, with the weakening findings as a list. */
export function renderImpactMarkdown(plans: readonly AccountPlan[]): string {
  const counts = levelCounts(plans);
  if (counts.total === 0) return "";
  const findings = weakening(plans);
  const lines = [
    "### Security impact",
    "",
    `${capitalize(summary(counts, findings.length, (text) => `**${text}**`))}.`,
    "",
  ];
  if (findings.length > 0) {
    lines.push("Weakening, so apply needs `--allow-weakening`:", "");
    for (const located of findings) {
      lines.push(`- ${escapeMarkdown(describeFinding(located))}`);
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}

/** Lists every weakening finding of the plans, for apply's refusal. */
export function weakeningFindings(plans: readonly AccountPlan[]): string[] {
  return weakening(plans).map(describeFinding);
}
