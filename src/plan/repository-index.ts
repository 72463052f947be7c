import type { Repository } from "../api/index.js";
import { compileGlob } from "../util/glob.js";

/** Characters from which a glob stops being literal text. */
const GLOB_START = /[*?[{(!+@\\]/;

/**
 * Looks repositories up by exact name, by id, and by glob, with the matching
 * rules of the config format: whole-name matches, a leading dot is an
 * ordinary character, `*` stops at `/` while `**` crosses it, names compare
 * after Unicode NFC normalization, case-insensitively unless configured
 * otherwise.
 *
 * Exact names use a map. A glob is compiled to a regular expression once,
 * tested only against the names that start with its literal prefix (found
 * by binary search in the sorted names), and its result is kept, so the
 * same pattern in many configurations costs one match.
 */
export class RepositoryIndex {
  readonly repositories: readonly Repository[];
  readonly caseSensitive: boolean;
  readonly #byName = new Map<string, Repository[]>();
  readonly #byId = new Map<string, Repository>();
  readonly #names: string[];
  /** Indexes of the repositories, sorted by their comparison key. */
  readonly #sorted: number[];
  readonly #keys: string[];
  readonly #patternCache = new Map<string, Repository[]>();

  constructor(repositories: readonly Repository[], caseSensitive: boolean) {
    this.repositories = repositories;
    this.caseSensitive = caseSensitive;
    this.#names = repositories.map((repository) =>
      repository.name.normalize("NFC"),
    );
    this.#keys = this.#names.map((name) => this.#key(name));
    repositories.forEach((repository, index) => {
      const key = this.#keys[index] ?? "";
      const existing = this.#byName.get(key);
      if (existing) existing.push(repository);
      else this.#byName.set(key, [repository]);
      this.#byId.set(repository.id.toLowerCase(), repository);
    });
    this.#sorted = repositories
      .map((_, index) => index)
      .sort((a, b) => {
        const keyA = this.#keys[a] ?? "";
        const keyB = this.#keys[b] ?? "";
        return keyA < keyB ? -1 : keyA > keyB ? 1 : a - b;
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
    const cached = this.#patternCache.get(pattern);
    if (cached) return cached;
    const expression = compileGlob(pattern, this.caseSensitive).makeRe();
    const found =
      expression === false
        ? []
        : this.#withPrefix(literalPrefix(pattern.normalize("NFC")))
            .filter((index) => expression.test(this.#names[index] ?? ""))
            .sort((a, b) => a - b)
            .map((index) => this.repositories[index] as Repository);
    this.#patternCache.set(pattern, found);
    return found;
  }

  /** Indexes of the repositories whose key starts with the prefix. */
  #withPrefix(prefix: string): number[] {
    const key = this.#key(prefix);
    if (key === "") return this.#sorted;
    let low = 0;
    let high = this.#sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const candidate = this.#keys[this.#sorted[middle] ?? 0] ?? "";
      if (candidate < key) low = middle + 1;
      else high = middle;
    }
    const matches: number[] = [];
    for (let position = low; position < this.#sorted.length; position++) {
      const index = this.#sorted[position] ?? 0;
      if (!(this.#keys[index] ?? "").startsWith(key)) break;
      matches.push(index);
    }
    return matches;
  }

  #key(name: string): string {
    return this.caseSensitive ? name : name.toLowerCase();
  }
}

/** The text a glob starts with before its first special character. */
function literalPrefix(pattern: string): string {
  const match = GLOB_START.exec(pattern);
  return match === null ? pattern : pattern.slice(0, match.index);
}
