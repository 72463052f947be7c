/**
 * Selecting an account's repositories by id, by name or by glob pattern, as
 * request bodies do.
 */
import { Minimatch } from "minimatch";
import { rewriteForPosixClasses } from "../util/glob.js";
import type { ValidationProblems } from "./http-error.js";
import type { RepositorySeed } from "./seed.js";
import type { AccountState } from "./state.js";
import { describeValue, foldName } from "./values.js";

/**
 * Reads an optional list of repository ids at `path` of a request body.
 * Returns the ids without repeats, in the order sent. Unknown ids are
 * problems, so a typo never silently selects nothing.
 */
export function selectRepositoriesById(
  value: unknown,
  path: string,
  account: AccountState,
  problems: ValidationProblems,
): string[] {
  const ids = readStringList(value, path, "repository ids", problems);
  const known = new Set(account.repositories.map((r) => r.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    problems.add(
      `${path} contains ids of no repository in this account: ${unknown.join(", ")}`,
    );
  }
  return ids;
}

/**
 * Reads an optional list of repository names and returns the ids of the
 * repositories with those names. Names compare ignoring case, as GitHub
 * repository names do, so one name may select several repositories.
 */
export function selectRepositoriesByName(
  value: unknown,
  path: string,
  account: AccountState,
  problems: ValidationProblems,
): string[] {
  const names = readStringList(value, path, "repository names", problems);
  const selected = new Set<string>();
  const unknown: string[] = [];
  for (const name of names) {
    const folded = foldName(name);
    const matches = account.repositories.filter(
      (r) => foldName(r.name) === folded,
    );
    if (matches.length === 0) {
      unknown.push(name);
    }
    matches.forEach((repository) => selected.add(repository.id));
  }
  if (unknown.length > 0) {
    problems.add(
      `${path} contains names of no repository in this account: ${unknown.join(", ")}`,
    );
  }
  return [...selected];
}

/**
 * Returns the ids of the repositories whose whole name matches a glob
 * pattern. A leading dot is an ordinary character and case is ignored. A
 * pattern that matches nothing selects nothing and is not a problem.
 */
export function selectRepositoriesByPattern(
  value: unknown,
  path: string,
  account: AccountState,
  problems: ValidationProblems,
): string[] {
  if (value === undefined) {
    return [];
  }
  if (typeof value !== "string" || value === "") {
    problems.add(
      `${path} must be a non-empty glob pattern string, got ${describeValue(value)}`,
    );
    return [];
  }
  let matcher: Minimatch;
  try {
    matcher = new Minimatch(rewriteForPosixClasses(value), {
      dot: true,
      nocase: true,
    });
    matcher.makeRe();
  } catch (error) {
    problems.add(
      `${path} ${JSON.stringify(value)} is not a valid glob pattern: ${(error as Error).message}`,
    );
    return [];
  }
  return account.repositories
    .filter((r) => matcher.match(r.name))
    .map((r) => r.id);
}

/** Orders repositories by name, then by id, in code point order. */
export function compareRepositories(
  left: RepositorySeed,
  right: RepositorySeed,
): number {
  return compareText(left.name, right.name) || compareText(left.id, right.id);
}

function compareText(left: string, right: string): number {
  if (left === right) {
    return 0;
  }
  return left < right ? -1 : 1;
}

/** Reads an optional array of strings; returns them without repeats. */
function readStringList(
  value: unknown,
  path: string,
  noun: string,
  problems: ValidationProblems,
): string[] {
  if (value === undefined) {
    return [];
  }
  if (!Array.isArray(value)) {
    problems.add(
      `${path} must be an array of ${noun}, got ${describeValue(value)}`,
    );
    return [];
  }
  const strings = new Set<string>();
  value.forEach((item: unknown, index) => {
    if (typeof item === "string") {
      strings.add(item);
    } else {
      problems.add(
        `${path}[${index}] must be a string, got ${describeValue(item)}`,
      );
    }
  });
  return [...strings];
}
