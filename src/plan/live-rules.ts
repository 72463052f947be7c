import type { Account } from "../api/index.js";
import type { DesiredAccount, Diagnostic } from "../config/index.js";
import { closestMatches, didYouMean } from "../util/suggest.js";
import { isUuid } from "../util/uuid.js";
import {
  describeClaim,
  isExactClaim,
  type ClaimConflict,
  type EntryMatch,
} from "./claims.js";
import { compileGlob } from "../util/glob.js";
import type { ResolvedAccount } from "./resolve.js";

/** The input of a live rule: the resolution, without its diagnostics. */
export type LiveRuleInput = Omit<ResolvedAccount, "diagnostics">;

/**
 * A semantic check of the desired state against the live account, run
 * before any diff. It returns errors and warnings rather than throwing.
 */
export type LiveRule = (input: LiveRuleInput) => Diagnostic[];

/** Every live rule, in the order they report. */
export const LIVE_RULES: readonly LiveRule[] = [
  unknownAnalyzers,
  unresolvedCodePolicies,
  codePoliciesListedTwice,
  unknownRepositories,
  ambiguousExactNames,
  patternsMatchingNothing,
  exactEntriesExcluded,
  repositoriesClaimedTwice,
  prunePatternsMatchingNothing,
];

export function runLiveRules(input: LiveRuleInput): Diagnostic[] {
  return LIVE_RULES.flatMap((rule) => rule(input));
}

function unknownAnalyzers({ desired, catalog }: LiveRuleInput): Diagnostic[] {
  return desired.configurations.flatMap((configuration) =>
    Object.keys(configuration.settings.analyzers ?? {})
      .filter((slug) => !catalog.hasAnalyzer(slug))
      .map((slug) => ({
        severity: "error" as const,
        rule: "unknown-analyzer",
        message: `configuration "${configuration.name.value}": unknown analyzer "${slug}"`,
        location:
          configuration.settingLocations[`analyzers.${slug}`] ??
          configuration.name.location,
        hint:
          didYouMean(closestMatches(slug, catalog.analyzerSlugs())) ??
          `the account's analyzers are ${catalog.analyzerSlugs().join(", ")}`,
      })),
  );
}

function unresolvedCodePolicies({
  desired,
  catalog,
}: LiveRuleInput): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const configuration of desired.configurations) {
    const where = `configuration "${configuration.name.value}"`;
    for (const entry of configuration.settings.code_policies ?? []) {
      const lookup = catalog.lookupPolicy(entry.policy);
      if (lookup.kind === "ambiguous") {
        const ids = lookup.candidates.map((policy) => policy.id).join(", ");
        diagnostics.push({
          severity: "error",
          rule: "ambiguous-code-policy",
          message: `${where}: ${lookup.candidates.length} custom policies are named "${entry.policy}" (${ids})`,
          location: entry.location,
          hint: "refer to the policy by its id instead of its name",
        });
      } else if (lookup.kind === "unknown") {
        const kind = isUuid(entry.policy) ? "id" : "name";
        diagnostics.push({
          severity: "error",
          rule: "unknown-code-policy",
          message: `${where}: no custom policy has the ${kind} "${entry.policy}"`,
          location: entry.location,
          hint:
            didYouMean(closestMatches(entry.policy, catalog.policyNames())) ??
            "custom policies are created in the DryRun dashboard; find the policy there",
        });
      }
    }
  }
  return diagnostics;
}

/** Finds a policy listed twice under different references, name and id. */
function codePoliciesListedTwice({
  desired,
  catalog,
}: LiveRuleInput): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const configuration of desired.configurations) {
    const seen = new Map<string, string>();
    for (const entry of configuration.settings.code_policies ?? []) {
      const lookup = catalog.lookupPolicy(entry.policy);
      if (lookup.kind !== "found") continue;
      const first = seen.get(lookup.policy.id);
      if (first === undefined) {
        seen.set(lookup.policy.id, entry.policy);
      } else if (first !== entry.policy) {
        diagnostics.push({
          severity: "error",
          rule: "duplicate-code-policy",
          message: `configuration "${configuration.name.value}": "${entry.policy}" and "${first}" are the same custom policy (${lookup.policy.id})`,
          location: entry.location,
          hint: "keep one entry per policy",
        });
      }
    }
  }
  return diagnostics;
}

/** Warns when an exact name matches repositories that differ only in case. */
function ambiguousExactNames({ claims, index }: LiveRuleInput): Diagnostic[] {
  return claims.entries
    .filter((match) => match.kind === "name" && match.matched > 1)
    .map((match) => {
      const names = match.repositoryIds
        .map((id) => index.byId(id)?.name ?? id)
        .join(", ");
      return {
        severity: "warning",
        rule: "ambiguous-repository-name",
        message: `configuration "${match.configuration}": name "${match.entry.value}" matches ${match.matched} repositories: ${names}`,
        location: match.entry.location,
        hint: "list the repositories by id to claim only one, or set repository_names: case-sensitive",
      };
    });
}

function unknownRepositories({ claims, index }: LiveRuleInput): Diagnostic[] {
  const names = index.repositories.map((repository) => repository.name);
  return claims.entries
    .filter(
      (match) =>
        (match.kind === "name" || match.kind === "id") && match.matched === 0,
    )
    .map((match) => {
      const byName = match.kind === "name";
      const what = byName ? "is named" : "has the id";
      return {
        severity: "error",
        rule: "unknown-repository",
        message: `configuration "${match.configuration}": no repository ${what} "${match.entry.value}"`,
        location: match.entry.location,
        hint: byName
          ? (didYouMean(closestMatches(match.entry.value, names)) ??
            "check the name; an exact name must match a repository")
          : "check the id; it must be the UUID of a repository of the account",
      };
    });
}

function patternsMatchingNothing({ claims }: LiveRuleInput): Diagnostic[] {
  return claims.entries
    .filter((match) => match.kind === "include" && match.matched === 0)
    .map((match) => ({
      severity: "warning",
      rule: "pattern-matches-nothing",
      message: `configuration "${match.configuration}": pattern "${match.entry.value}" matches no repository`,
      location: match.entry.location,
      hint: "check the pattern; it must match whole repository names",
    }));
}

function exactEntriesExcluded({ claims }: LiveRuleInput): Diagnostic[] {
  return claims.entries
    .filter(
      (match: EntryMatch) => match.kind !== "include" && match.excluded > 0,
    )
    .map((match) => ({
      severity: "warning",
      rule: "exact-entry-excluded",
      message: `configuration "${match.configuration}": ${match.kind} "${match.entry.value}" is also matched by its exclude, which wins`,
      location: match.entry.location,
      hint: "remove it from one of the two lists",
    }));
}

function repositoriesClaimedTwice({ claims }: LiveRuleInput): Diagnostic[] {
  return claims.conflicts.map((conflict: ClaimConflict) => {
    const names = conflict.repositories.map((repository) => repository.name);
    const count = names.length;
    const shown = names.slice(0, 5).join(", ");
    const more = count > 5 ? ` and ${count - 5} more` : "";
    const last = conflict.claims[conflict.claims.length - 1];
    return {
      severity: "error",
      rule: "repository-claimed-twice",
      message: `${count} ${count === 1 ? "repository is" : "repositories are"} claimed by ${conflict.claims.map(describeClaim).join(" and ")}: ${shown}${more}`,
      location: last?.location,
      // An exact name beats a pattern, so only a conflict of patterns can
      // be settled by naming the repositories.
      hint: conflict.claims.every(isExactClaim)
        ? "keep each name or id in one configuration only"
        : "exclude them from all but one configuration, or list them by exact name where they belong",
    };
  });
}

function prunePatternsMatchingNothing({
  desired,
  snapshot,
}: LiveRuleInput): Diagnostic[] {
  const { prune } = desired.settings;
  if (!Array.isArray(prune)) return [];
  return prune
    .filter((entry) => {
      const matcher = compileGlob(entry.value, false);
      return !snapshot.configurations.some((live) =>
        matcher.match(live.name.normalize("NFC")),
      );
    })
    .map((entry) => ({
      severity: "warning",
      rule: "prune-pattern-matches-nothing",
      message: `prune pattern "${entry.value}" matches no configuration of the account`,
      location: entry.location,
      hint: "check the pattern; it matches whole configuration names",
    }));
}

/**
 * Reports a file's `account` that the API key cannot see, or that names two
 * accounts. This rule runs before the snapshot is read, because without the
 * account there is nothing to read.
 */
export function unresolvedAccount(
  desired: DesiredAccount,
  accounts: readonly Account[],
  match: { kind: "not-found" } | { kind: "ambiguous"; candidates: Account[] },
): Diagnostic {
  const reference = JSON.stringify(desired.account.value);
  if (match.kind === "ambiguous") {
    const ids = match.candidates.map((account) => account.account_id);
    return {
      severity: "error",
      rule: "ambiguous-account",
      message: `${match.candidates.length} accounts are named ${reference} (${ids.join(", ")})`,
      location: desired.account.location,
      hint: "write the account UUID instead of its name",
    };
  }
  const names = accounts.map((account) => account.org_name);
  const listed =
    names.length > 0 ? ` (it can access: ${names.join(", ")})` : "";
  return {
    severity: "error",
    rule: "unknown-account",
    message: `account ${reference} is not an account this API key can access${listed}`,
    location: desired.account.location,
    hint:
      didYouMean(closestMatches(desired.account.value, names)) ??
      "check the spelling, or use a key scoped to that account",
  };
}
