import type { Repository } from "../api/index.js";
import type {
  DesiredAccount,
  DesiredConfiguration,
  Located,
  SourceLocation,
} from "../config/index.js";
import { configurationKey } from "../util/names.js";
import type { RepositoryIndex } from "./repository-index.js";

/** One configuration's claim on a repository, and what made it. */
export interface Claim {
  configuration: string;
  kind: "name" | "id" | "pattern" | "default";
  /** The name, id or pattern as written, or the default's name. */
  entry: string;
  location: SourceLocation | undefined;
}

/** A repository entry of the files and how many repositories it matched. */
export interface EntryMatch {
  configuration: string;
  kind: "name" | "id" | "include" | "exclude";
  entry: Located<string>;
  matched: number;
  repositoryIds: string[];
  /** Exact entries only: repositories the same configuration excludes. */
  excluded: number;
}

/** Repositories that two or more claims of the same strength want. */
export interface ClaimConflict {
  claims: Claim[];
  repositories: Repository[];
}

export interface ClaimResolution {
  /** The winning claim of every claimed repository, by repository id. */
  winners: Map<string, Claim>;
  /** Every claim on each repository, winning or not. */
  all: Map<string, Claim[]>;
  entries: EntryMatch[];
  conflicts: ClaimConflict[];
}

export const isExactClaim = (claim: Claim) =>
  claim.kind === "name" || claim.kind === "id";

/**
 * Decides which configuration each repository belongs to. Within a
 * configuration, exclude wins over names, ids and include. Across
 * configurations, an exact name or id beats a pattern, and claims of the same
 * strength conflict, so the repository goes to neither. The account's
 * `default_configuration` takes every repository that nothing claims,
 * except those of the live configurations in `keepsRepositories`: declared
 * ones whose assignments the files leave alone.
 */
export function resolveClaims(
  account: DesiredAccount,
  index: RepositoryIndex,
  keepsRepositories: ReadonlySet<string> = new Set(),
): ClaimResolution {
  const all = new Map<string, Claim[]>();
  const entries: EntryMatch[] = [];
  for (const configuration of account.configurations) {
    const own = claimsOf(configuration, index, entries);
    for (const [repositoryId, claim] of own) {
      const claims = all.get(repositoryId);
      if (claims === undefined) all.set(repositoryId, [claim]);
      else claims.push(claim);
    }
  }

  const winners = new Map<string, Claim>();
  const conflicts = new Map<string, ClaimConflict>();
  for (const repository of index.repositories) {
    const claims = all.get(repository.id) ?? [];
    const strongest = claims.some(isExactClaim)
      ? claims.filter(isExactClaim)
      : claims;
    if (strongest.length === 1 && strongest[0]) {
      winners.set(repository.id, strongest[0]);
    } else if (strongest.length > 1) {
      const key = strongest.map(claimKey).join("\n");
      const conflict = conflicts.get(key) ?? {
        claims: strongest,
        repositories: [],
      };
      conflict.repositories.push(repository);
      conflicts.set(key, conflict);
    }
  }

  const fallback = account.settings.defaultConfiguration;
  if (fallback !== undefined) {
    // The default may differ from the declared name in case only.
    const declared = account.configurations.find(
      (configuration) =>
        configurationKey(configuration.name.value) ===
        configurationKey(fallback.value),
    );
    const claim: Claim = {
      configuration: declared?.name.value ?? fallback.value,
      kind: "default",
      entry: fallback.value,
      location: fallback.location,
    };
    for (const repository of index.repositories) {
      if (all.has(repository.id)) continue;
      const current = repository.configuration_id;
      if (current !== null && keepsRepositories.has(current)) continue;
      winners.set(repository.id, claim);
      all.set(repository.id, [claim]);
    }
  }
  return { winners, all, entries, conflicts: [...conflicts.values()] };
}

/**
 * Collects a configuration's own claims, one per repository, after its
 * excludes, and records what each of its entries matched.
 */
function claimsOf(
  configuration: DesiredConfiguration,
  index: RepositoryIndex,
  entries: EntryMatch[],
): Map<string, Claim> {
  const claims = new Map<string, Claim>();
  const lists = configuration.repositories;
  if (lists === undefined) return claims;
  const name = configuration.name.value;
  const record = (kind: EntryMatch["kind"], entry: Located<string>) => {
    const match: EntryMatch = {
      configuration: name,
      kind,
      entry,
      matched: 0,
      repositoryIds: [],
      excluded: 0,
    };
    entries.push(match);
    return match;
  };

  const excluded = new Set<string>();
  for (const pattern of lists.exclude) {
    const found = index.byPattern(pattern.value);
    const match = record("exclude", pattern);
    match.matched = found.length;
    match.repositoryIds = found.map((repository) => repository.id);
    for (const repository of found) excluded.add(repository.id);
  }

  const add = (repositories: Repository[], claim: Claim, match: EntryMatch) => {
    match.matched = repositories.length;
    match.repositoryIds = repositories.map((repository) => repository.id);
    for (const repository of repositories) {
      if (excluded.has(repository.id)) {
        match.excluded++;
        continue;
      }
      const existing = claims.get(repository.id);
      if (
        existing === undefined ||
        (isExactClaim(claim) && !isExactClaim(existing))
      ) {
        claims.set(repository.id, claim);
      }
    }
  };

  for (const entry of lists.names) {
    const found = index.byName(entry.value);
    add(found, toClaim(name, "name", entry), record("name", entry));
  }
  for (const entry of lists.ids) {
    const repository = index.byId(entry.value);
    const found = repository ? [repository] : [];
    add(found, toClaim(name, "id", entry), record("id", entry));
  }
  for (const entry of lists.include) {
    const found = index.byPattern(entry.value);
    add(found, toClaim(name, "pattern", entry), record("include", entry));
  }
  return claims;
}

function toClaim(
  configuration: string,
  kind: Claim["kind"],
  entry: Located<string>,
): Claim {
  return { configuration, kind, entry: entry.value, location: entry.location };
}

function claimKey(claim: Claim): string {
  const where = claim.location
    ? `${claim.location.file}:${claim.location.line}:${claim.location.column}`
    : "";
  return `${claim.configuration}\t${claim.entry}\t${where}`;
}

/** Describes a claim for messages: `pattern "api-*" of configuration "x"`. */
export function describeClaim(claim: Claim): string {
  const kind = claim.kind === "default" ? "default_configuration" : claim.kind;
  const where = claim.location
    ? ` (${claim.location.file}:${claim.location.line})`
    : "";
  return `${kind} "${claim.entry}" of configuration "${claim.configuration}"${where}`;
}
