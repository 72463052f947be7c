import { Minimatch } from "minimatch";
import type { Repository } from "../api/index.js";

/**
 * Looks repositories up by exact name, by id, and by glob, with the matching
 * rules of the config format: whole-name matches, a leading dot is an
 * ordinary character, `*` stops at `/` while `**` crosses it, names compare
 * after Unicode NFC normalization, case-insensitively unless configured
 * otherwise. Each glob is compiled once and exact names use a map.
 */
export class RepositoryIndex {
  readonly repositories: readonly Repository[];
  readonly caseSensitive: boolean;
  readonly #byName = new Map<string, Repository[]>();
  readonly #byId = new Map<string, Repository>();
  readonly #normalizedNames: string[];

  constructor(repositories: readonly Repository[], caseSensitive: boolean) {
    this.repositories = repositories;
    this.caseSensitive = caseSensitive;
    this.#normalizedNames = repositories.map((repository) =>
      repository.name.normalize("NFC"),
    );
    repositories.forEach((repository, index) => {
      const key = this.#key(this.#normalizedNames[index] ?? "");
      const existing = this.#byName.get(key);
      if (existing) existing.push(repository);
      else this.#byName.set(key, [repository]);
      this.#byId.set(repository.id.toLowerCase(), repository);
    });
  }

  /** All repositories with this exact name (several only when case differs). */
  byName(name: string): Repository[] {
    return this.#byName.get(this.#key(name.normalize("NFC"))) ?? [];
  }

  byId(id: string): Repository | undefined {
    return this.#byId.get(id.toLowerCase());
  }

  /** All repositories whose whole name matches the glob, in list order. */
  byPattern(pattern: string): Repository[] {
    const matcher = compilePattern(pattern, this.caseSensitive);
    return this.repositories.filter((_, index) =>
      matcher.match(this.#normalizedNames[index] ?? ""),
    );
  }

  #key(name: string): string {
    return this.caseSensitive ? name : name.toLowerCase();
  }
}

export function compilePattern(
  pattern: string,
  caseSensitive: boolean,
): Minimatch {
  return new Minimatch(pattern.normalize("NFC"), {
    dot: true,
    nocase: !caseSensitive,
    nonegate: true,
    nocomment: true,
    platform: "linux",
  });
}
