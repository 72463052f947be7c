import type { Repository } from "../api/index.js";
import type { SourceLocation } from "../config/index.js";
import { isUuid } from "../util/uuid.js";
import { isExactClaim, type Claim, type EntryMatch } from "./claims.js";
import type { ResolvedAccount } from "./resolve.js";

/** The reasons a repository belongs, or not, to each configuration. */
export interface Explanation {
  repository: Repository;
  /** Every entry of the files that matches the repository. */
  matches: ExplainedMatch[];
  /** The claim the repository follows, if one wins. */
  winner: Claim | undefined;
  /** Claims of the same strength that conflict, so none wins. */
  conflict: Claim[];
  /** The configuration the repository has now, or null for none. */
  current: { id: string; name: string } | null;
}

export interface ExplainedMatch {
  configuration: string;
  kind: EntryMatch["kind"] | "default";
  entry: string;
  location: SourceLocation | undefined;
  outcome:
    "wins" | "excluded" | "loses to an exact name" | "conflicts" | "loses";
  /** For an excluded entry: the exclude pattern that removed it. */
  excludedBy?: EntryMatch;
}

/**
 * Explains where a repository, given by name or id, ends up: every entry of
 * the files that matches it, which claim wins and why, and the
 * configuration it has now. A name may match several repositories when
 * names compare without case.
 */
export function explainRepository(
  resolved: ResolvedAccount,
  reference: string,
): Explanation[] {
  const byId = isUuid(reference) ? resolved.index.byId(reference) : undefined;
  const repositories = byId ? [byId] : resolved.index.byName(reference);
  return repositories.map((repository) => explainOne(resolved, repository));
}

function explainOne(
  resolved: ResolvedAccount,
  repository: Repository,
): Explanation {
  const winner = resolved.claims.winners.get(repository.id);
  const claims = resolved.claims.all.get(repository.id) ?? [];
  const conflict =
    winner === undefined && claims.length > 1 ? strongest(claims) : [];
  const entries = resolved.claims.entries;
  const excludes = entries.filter(
    (entry) =>
      entry.kind === "exclude" && entry.repositoryIds.includes(repository.id),
  );

  const matches: ExplainedMatch[] = entries
    .filter(
      (entry) =>
        entry.kind !== "exclude" && entry.repositoryIds.includes(repository.id),
    )
    .map((entry) => {
      const excludedBy = excludes.find(
        (exclude) => exclude.configuration === entry.configuration,
      );
      const match: ExplainedMatch = {
        configuration: entry.configuration,
        kind: entry.kind,
        entry: entry.entry.value,
        location: entry.entry.location,
        outcome: outcome(entry, excludedBy, winner, conflict),
      };
      if (excludedBy) match.excludedBy = excludedBy;
      return match;
    });
  if (winner?.kind === "default") {
    matches.push({
      configuration: winner.configuration,
      kind: "default",
      entry: winner.entry,
      location: winner.location,
      outcome: "wins",
    });
  }

  const currentId = repository.configuration_id;
  const live = resolved.snapshot.configurations.find((c) => c.id === currentId);
  return {
    repository,
    matches,
    winner,
    conflict,
    current:
      currentId === null
        ? null
        : { id: currentId, name: live?.name ?? currentId },
  };
}

function strongest(claims: Claim[]): Claim[] {
  return claims.some(isExactClaim) ? claims.filter(isExactClaim) : claims;
}

function outcome(
  entry: EntryMatch,
  excludedBy: EntryMatch | undefined,
  winner: Claim | undefined,
  conflict: Claim[],
): ExplainedMatch["outcome"] {
  if (excludedBy) return "excluded";
  const sameEntry = (claim: Claim) =>
    claim.configuration === entry.configuration &&
    claim.entry === entry.entry.value;
  if (winner && sameEntry(winner)) return "wins";
  if (conflict.some(sameEntry)) return "conflicts";
  if (winner && isExactClaim(winner) && entry.kind === "include") {
    return "loses to an exact name";
  }
  return "loses";
}
