import { isRecord } from "../util/record.js";
import type { PlannedChange } from "./types.js";

/**
 * The security impact of a change: whether it makes the account stricter,
 * looser, or neither. The rule table below is the single place that
 * decides; docs/security-impact.md explains each rule.
 */
export type Impact = "tightening" | "neutral" | "weakening";

export interface ImpactFinding {
  impact: Impact;
  /** The field, such as `code_policies["No PII in logs"]`, or `repositories`. */
  subject: string;
  before: unknown;
  after: unknown;
  /** The reason for this impact, in a few words. */
  reason: string;
  /** How many repositories the change affects. */
  repositories: number;
}

export interface ChangeImpact {
  /** Weakening if any finding weakens, else tightening if any tightens. */
  level: Impact;
  /** The findings that are not neutral. */
  findings: ImpactFinding[];
}

/** The strictness of a configuration after the plan, for repository moves. */
export interface Strictness {
  policies: number;
  analyzers: number;
}

export interface ImpactContext {
  /** Per configuration name, its strictness after the plan. */
  strictness: (configuration: string) => Strictness;
  /** Per configuration name, its repositories after the plan. */
  repositories: (configuration: string) => number;
}

type Verdict = { impact: Impact; reason: string };

interface FieldRule {
  /** The fields the rule decides, by their flattened path. */
  applies: (field: string) => boolean;
  classify: (before: unknown, after: unknown) => Verdict;
}

const NEUTRAL: Verdict = {
  impact: "neutral",
  reason: "no effect on what is caught",
};

/**
 * The rule table for settings. A field that no rule names is neutral:
 * `show_scan_confirmation`, `notifications.deduplicate`, and the name.
 */
export const FIELD_RULES: readonly FieldRule[] = [
  {
    applies: (field) => field.startsWith("code_policies["),
    classify: classifyPolicy,
  },
  {
    applies: (field) => field.startsWith("analyzers."),
    classify: classifyAnalyzer,
  },
  {
    applies: (field) => field === "notifications.enabled",
    classify: (before, after) =>
      flip(
        before,
        after,
        "notifications turned off",
        "notifications turned on",
      ),
  },
  {
    applies: (field) => field === "notifications.integrations",
    classify: classifyIntegrations,
  },
  { applies: (field) => field === "comment", classify: classifyComment },
  {
    applies: (field) => field === "risk_threshold",
    classify: classifyThreshold,
  },
];

/** Classifies one planned change with the rule table. */
export function classifyChange(
  change: PlannedChange,
  context: ImpactContext,
): ChangeImpact {
  const names = change.configurations.map((ref) => ref.name);
  const covered = names.reduce(
    (sum, name) => sum + context.repositories(name),
    0,
  );
  const findings: ImpactFinding[] = [];

  if (change.action === "delete") {
    findings.push({
      impact: "weakening",
      subject: "configuration",
      before: names[0],
      after: undefined,
      reason: "configuration deleted",
      repositories: change.repositories.length,
    });
    if (change.repositories.length > 0) {
      findings.push(
        moveFinding(
          "weakening",
          "left with no configuration",
          change,
          names[0],
          null,
        ),
      );
    }
  }
  for (const field of change.fields) {
    const rule = FIELD_RULES.find((candidate) =>
      candidate.applies(field.field),
    );
    const verdict = rule?.classify(field.before, field.after) ?? NEUTRAL;
    findings.push({
      impact: verdict.impact,
      subject: field.field,
      before: field.before,
      after: field.after,
      reason: verdict.reason,
      repositories: covered,
    });
  }
  if (change.action === "create" || change.action === "assign") {
    findings.push(...classifyMoves(change, context));
  }

  const relevant = findings.filter((finding) => finding.impact !== "neutral");
  const level = relevant.some((f) => f.impact === "weakening")
    ? "weakening"
    : relevant.length > 0
      ? "tightening"
      : "neutral";
  return { level, findings: relevant };
}

function flip(
  before: unknown,
  after: unknown,
  off: string,
  on: string,
): Verdict {
  if (before === true && after !== true)
    return { impact: "weakening", reason: off };
  if (before !== true && after === true)
    return { impact: "tightening", reason: on };
  return NEUTRAL;
}

interface PolicyFlags {
  enabled: boolean;
  silent: boolean;
  blocking: boolean;
}

function classifyPolicy(before: unknown, after: unknown): Verdict {
  const was = before as PolicyFlags | undefined;
  const now = after as PolicyFlags | undefined;
  if (!isRecord(was) || !was.enabled) {
    return isRecord(now) && now.enabled
      ? { impact: "tightening", reason: "policy added or enabled" }
      : NEUTRAL;
  }
  if (!isRecord(now)) return { impact: "weakening", reason: "policy removed" };
  if (!now.enabled) return { impact: "weakening", reason: "policy disabled" };
  if (was.blocking && !now.blocking) {
    return { impact: "weakening", reason: "policy no longer blocking" };
  }
  if (!was.silent && now.silent)
    return { impact: "weakening", reason: "policy made silent" };
  if (!was.blocking && now.blocking)
    return { impact: "tightening", reason: "policy made blocking" };
  if (was.silent && !now.silent)
    return { impact: "tightening", reason: "policy no longer silent" };
  return NEUTRAL;
}

/** Tells whether an analyzer runs: its value is true or an object not disabled. */
function analyzerRuns(value: unknown): boolean {
  if (value === true) return true;
  return isRecord(value) && value.enabled !== false;
}

function classifyAnalyzer(before: unknown, after: unknown): Verdict {
  const was = analyzerRuns(before);
  const now = analyzerRuns(after);
  if (was && !now) {
    const removed = after === undefined;
    return {
      impact: "weakening",
      reason: removed ? "analyzer removed" : "analyzer disabled",
    };
  }
  if (!was && now) return { impact: "tightening", reason: "analyzer enabled" };
  return NEUTRAL;
}

function classifyIntegrations(before: unknown, after: unknown): Verdict {
  const was = new Set(Array.isArray(before) ? (before as string[]) : []);
  const now = new Set(Array.isArray(after) ? (after as string[]) : []);
  if ([...was].some((name) => !now.has(name))) {
    return { impact: "weakening", reason: "integration removed" };
  }
  if ([...now].some((name) => !was.has(name))) {
    return { impact: "tightening", reason: "integration added" };
  }
  return NEUTRAL;
}

/** Whether a `comment` value turns comments off, in any letter case. */
const disabled = (value: unknown) =>
  typeof value === "string" && value.toLowerCase() === "disabled";

function classifyComment(before: unknown, after: unknown): Verdict {
  if (before === undefined || after === undefined) return NEUTRAL;
  if (disabled(after) && !disabled(before)) {
    return { impact: "weakening", reason: "pull request comments disabled" };
  }
  if (disabled(before) && !disabled(after)) {
    return { impact: "tightening", reason: "pull request comments enabled" };
  }
  return NEUTRAL;
}

/**
 * Classifies a threshold change. A higher threshold lets more findings
 * through before they are reported.
 */
function classifyThreshold(before: unknown, after: unknown): Verdict {
  if (typeof before !== "number" || typeof after !== "number") return NEUTRAL;
  if (after > before)
    return { impact: "weakening", reason: "risk threshold raised" };
  if (after < before)
    return { impact: "tightening", reason: "risk threshold lowered" };
  return NEUTRAL;
}

/**
 * Classifies the repositories a change moves, one finding per configuration
 * they come from: to a configuration with fewer enabled code policies or
 * analyzers is weakening, to one with more (and fewer of neither) is
 * tightening, from no configuration is tightening.
 */
function classifyMoves(
  change: PlannedChange,
  context: ImpactContext,
): ImpactFinding[] {
  const target = change.configurations[0]?.name ?? "";
  const bySource = new Map<string | null, number>();
  for (const move of change.repositories) {
    const source = move.from?.name ?? null;
    bySource.set(source, (bySource.get(source) ?? 0) + 1);
  }
  const findings: ImpactFinding[] = [];
  for (const [source, count] of bySource) {
    const verdict = compareStrictness(source, target, context);
    if (verdict.impact === "neutral") continue;
    findings.push({
      impact: verdict.impact,
      subject: "repositories",
      before: source,
      after: target,
      reason: verdict.reason,
      repositories: count,
    });
  }
  return findings;
}

function compareStrictness(
  source: string | null,
  target: string,
  context: ImpactContext,
): Verdict {
  if (source === null) {
    return {
      impact: "tightening",
      reason: "repositories now covered by a configuration",
    };
  }
  const from = context.strictness(source);
  const to = context.strictness(target);
  const detail = `${from.policies} -> ${to.policies} enabled code policies, ${from.analyzers} -> ${to.analyzers} analyzers`;
  if (to.policies < from.policies || to.analyzers < from.analyzers) {
    return {
      impact: "weakening",
      reason: `moved to a less strict configuration (${detail})`,
    };
  }
  if (to.policies > from.policies || to.analyzers > from.analyzers) {
    return {
      impact: "tightening",
      reason: `moved to a stricter configuration (${detail})`,
    };
  }
  return NEUTRAL;
}

function moveFinding(
  impact: Impact,
  reason: string,
  change: PlannedChange,
  source: string | undefined,
  target: string | null,
): ImpactFinding {
  return {
    impact,
    subject: "repositories",
    before: source,
    after: target,
    reason,
    repositories: change.repositories.length,
  };
}

/** Counts changes per impact level. */
export function countImpacts(
  levels: readonly Impact[],
): Record<Impact, number> {
  const counts: Record<Impact, number> = {
    tightening: 0,
    neutral: 0,
    weakening: 0,
  };
  for (const level of levels) counts[level]++;
  return counts;
}
