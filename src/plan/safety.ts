import { plural } from "./format-value.js";
import type { ResolvedAccount } from "./resolve.js";
import {
  MIN_OBJECTS_FOR_THRESHOLDS,
  type PlannedChange,
  type SafetyCheck,
} from "./types.js";

/**
 * Measures a plan's changes against the account's thresholds, as octoDNS
 * does: deletes as a share of the managed live configurations, and moves as
 * a share of the account's repositories. A move is a repository that leaves
 * a configuration, for another one or for none. A repository that had no
 * configuration and gets one is not a move.
 */
export function measureSafety(
  changes: readonly PlannedChange[],
  resolved: ResolvedAccount,
): SafetyCheck[] {
  const deletes = changes.filter((change) => change.action === "delete").length;
  const managedLive = new Set(
    resolved.configurations.flatMap((configuration) =>
      configuration.live ? [configuration.live.id] : [],
    ),
  ).size;

  const moved = new Set<string>();
  for (const change of changes) {
    for (const move of change.repositories) {
      if (move.from !== null) moved.add(move.id);
    }
  }

  const { settings } = resolved.desired;
  const repositories = resolved.snapshot.repositories.length;
  return [
    check(
      "delete",
      deletes,
      managedLive + deletes,
      settings.maxDeletePercent,
      resolved.snapshot.configurations.length,
    ),
    check(
      "move",
      moved.size,
      repositories,
      settings.maxMovedRepositoriesPercent,
      repositories,
    ),
  ];
}

/**
 * Measures `count` of `total` against `limit` percent. The check applies
 * when the account has at least MIN_OBJECTS_FOR_THRESHOLDS objects of the
 * kind (`existing`), even if fewer of them are managed, so that a prune
 * list in a large account cannot slip under the minimum.
 */
function check(
  kind: SafetyCheck["kind"],
  count: number,
  total: number,
  limit: number,
  existing: number,
): SafetyCheck {
  const applies = Math.max(total, existing) >= MIN_OBJECTS_FOR_THRESHOLDS;
  const exceeded = applies && count * 100 > limit * total;
  return { kind, count, total, limit, applies, exceeded };
}

/**
 * Describes an exceeded check: "7 deletes is 35% of 20 managed
 * configurations, over the limit of 30%".
 */
export function describeSafety(check: SafetyCheck): string {
  const percent = formatPercent((check.count * 100) / check.total, check.limit);
  const what =
    check.kind === "delete"
      ? `${plural(check.count, "delete")} is ${percent}% of ${plural(check.total, "managed configuration")}`
      : `${plural(check.count, "repository move")} is ${percent}% of ${plural(check.total, "repository", "repositories")}`;
  return `${what}, over the limit of ${check.limit}%`;
}

/**
 * Formats a share in percent: whole when it is whole, else to one decimal.
 * Where one decimal would print the limit itself, it adds decimals, so a
 * share just over the limit never reads as the limit (751 of 2,500 is
 * 30.04%, not 30.0%).
 */
function formatPercent(percent: number, limit: number): string {
  if (Number.isInteger(percent)) return String(percent);
  let digits = 1;
  while (digits < 4 && Number(percent.toFixed(digits)) === limit) digits++;
  return percent.toFixed(digits);
}
