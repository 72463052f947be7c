import type { Repository } from "../api/index.js";
import type {
  DesiredAccount,
  DesiredConfiguration,
  Diagnostic,
  Located,
  SourceLocation,
} from "../config/index.js";
import { closestMatches, didYouMean } from "../util/suggest.js";
import type { RepositoryIndex } from "./repository-index.js";

/** One configuration's claim on a repository, and what made it. */
export interface Claim {
  configuration: string;
  kind: "name" | "id" | "pattern" | "default";
  /** The name, id or pattern as written, or the default's name. */
  entry: string;
  location: SourceLocation | undefined;
}

export interface ClaimResolution {
  /** The winning claim of every claimed repository, by repository id. */
  winners: Map<string, Claim>;
  /** Every claim on each repository, winning or not, for `explain`. */
  all: Map<string, Claim[]>;
  diagnostics: Diagnostic[];
}

const isExact = (claim: Claim) => claim.kind === "name" || claim.kind === "id";

/**
 * Decides which configuration each repository belongs to. Within a
 * configuration, exclude wins over names, ids and include. Across
 * configurations, an exact name or id beats a pattern, and two claims of the
 * same strength are an error. `default_configuration` takes the rest.
 */
export function resolveClaims(
  account: DesiredAccount,
  index: RepositoryIndex,
): ClaimResolution {
  const diagnostics: Diagnostic[] = [];
  const all = new Map<string, Claim[]>();
  for (const configuration of account.configurations) {
    const own = claimsOf(configuration, index, diagnostics);
    for (const [repositoryId, claim] of own) {
      all.set(repositoryId, [...(all.get(repositoryId) ?? []), claim]);
    }
  }

  const winners = new Map<string, Claim>();
  const conflicts = new Map<string, { claims: Claim[]; names: string[] }>();
  for (const repository of index.repositories) {
    const claims = all.get(repository.id) ?? [];
    const strongest = claims.some(isExact) ? claims.filter(isExact) : claims;
    if (strongest.length === 1 && strongest[0]) {
      winners.set(repository.id, strongest[0]);
    } else if (strongest.length > 1) {
      const key = strongest.map(claimKey).join("\n");
      const conflict = conflicts.get(key) ?? { claims: strongest, names: [] };
      conflict.names.push(repository.name);
      conflicts.set(key, conflict);
    }
  }
  diagnostics.push(...[...conflicts.values()].map(conflictDiagnostic));

  const fallback = account.settings.defaultConfiguration;
  if (fallback !== undefined) {
    for (const repository of index.repositories) {
      if (winners.has(repository.id) || all.has(repository.id)) continue;
      const claim: Claim = {
        configuration: fallback.value,
        kind: "default",
        entry: fallback.value,
        location: fallback.location,
      };
      winners.set(repository.id, claim);
      all.set(repository.id, [claim]);
    }
  }
  return { winners, all, diagnostics };
}

/** Collects a configuration's own claims, one per repository, after its excludes. */
function claimsOf(
  configuration: DesiredConfiguration,
  index: RepositoryIndex,
  diagnostics: Diagnostic[],
): Map<string, Claim> {
  const claims = new Map<string, Claim>();
  const lists = configuration.repositories;
  if (lists === undefined) return claims;
  const name = configuration.name.value;

  const excluded = new Set<string>();
  for (const pattern of lists.exclude) {
    for (const repository of index.byPattern(pattern.value)) {
      excluded.add(repository.id);
    }
  }

  const add = (repository: Repository, claim: Claim) => {
    if (excluded.has(repository.id)) {
      if (isExact(claim)) diagnostics.push(excludedExact(name, claim));
      return;
    }
    const existing = claims.get(repository.id);
    if (existing === undefined || (isExact(claim) && !isExact(existing))) {
      claims.set(repository.id, claim);
    }
  };

  for (const entry of lists.names) {
    const found = index.byName(entry.value);
    if (found.length === 0) diagnostics.push(unknownName(name, entry, index));
    for (const repository of found) add(repository, claim(name, "name", entry));
  }
  for (const entry of lists.ids) {
    const repository = index.byId(entry.value);
    if (repository === undefined) diagnostics.push(unknownId(name, entry));
    else add(repository, claim(name, "id", entry));
  }
  for (const entry of lists.include) {
    const found = index.byPattern(entry.value);
    if (found.length === 0) diagnostics.push(emptyPattern(name, entry));
    for (const repository of found) {
      add(repository, claim(name, "pattern", entry));
    }
  }
  return claims;
}

function claim(
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

/** Describes a claim for messages: `"api-*" of backend (backend.yaml:12)`. */
export function describeClaim(claim: Claim): string {
  const kind =
    claim.kind === "pattern"
      ? "pattern"
      : claim.kind === "default"
        ? "default_configuration"
        : claim.kind;
  const where = claim.location
    ? ` (${claim.location.file}:${claim.location.line})`
    : "";
  return `${kind} "${claim.entry}" of configuration "${claim.configuration}"${where}`;
}

function conflictDiagnostic(conflict: {
  claims: Claim[];
  names: string[];
}): Diagnostic {
  const [first, ...others] = conflict.claims;
  const shown = conflict.names.slice(0, 5).join(", ");
  const more =
    conflict.names.length > 5 ? ` and ${conflict.names.length - 5} more` : "";
  const count = conflict.names.length;
  return {
    severity: "error",
    rule: "repository-claimed-twice",
    message: `${count} ${count === 1 ? "repository is" : "repositories are"} claimed by ${conflict.claims.map(describeClaim).join(" and ")}: ${shown}${more}`,
    location: (others[others.length - 1] ?? first)?.location,
    hint: "exclude them from all but one configuration, or list them by exact name where they belong",
  };
}

function unknownName(
  configuration: string,
  entry: Located<string>,
  index: RepositoryIndex,
): Diagnostic {
  const names = index.repositories.map((repository) => repository.name);
  return {
    severity: "error",
    rule: "unknown-repository",
    message: `configuration "${configuration}": no repository is named "${entry.value}"`,
    location: entry.location,
    hint:
      didYouMean(closestMatches(entry.value, names)) ??
      "run `dryrun-config list repositories` to see the names",
  };
}

function unknownId(configuration: string, entry: Located<string>): Diagnostic {
  return {
    severity: "error",
    rule: "unknown-repository",
    message: `configuration "${configuration}": no repository has the id "${entry.value}"`,
    location: entry.location,
    hint: "run `dryrun-config list repositories` to see the ids",
  };
}

function emptyPattern(
  configuration: string,
  entry: Located<string>,
): Diagnostic {
  return {
    severity: "warning",
    rule: "pattern-matches-nothing",
    message: `configuration "${configuration}": pattern "${entry.value}" matches no repository`,
    location: entry.location,
    hint: "check the pattern; it matches whole names",
  };
}

function excludedExact(configuration: string, claim: Claim): Diagnostic {
  return {
    severity: "warning",
    rule: "exact-name-excluded",
    message: `configuration "${configuration}": ${claim.kind} "${claim.entry}" is also matched by its exclude, which wins`,
    location: claim.location,
    hint: "remove it from one of the two lists",
  };
}
