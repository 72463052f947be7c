import { UsageError } from "./usage-error.js";

/** Options that may be given more than once; each adds one value. */
const REPEATABLE = new Set(["target", "exclude", "fault"]);

/** The long names of the one-letter aliases. */
const ALIASES: Record<string, string> = { q: "quiet", h: "help" };

/**
 * Checks two mistakes before yargs parses the words, because yargs handles
 * them badly. An option given twice becomes an array, which some commands
 * crash on and others read as another value. An empty value (`--out=`, or
 * `--out ""`) is read as "." or 0.
 */
export function checkCommandLine(words: readonly string[]): void {
  const counts = new Map<string, number>();
  for (const [index, word] of words.entries()) {
    if (word === "--") break;
    const name = optionName(word);
    if (name === undefined) continue;
    const empty =
      word.endsWith("=") || (!word.includes("=") && words[index + 1] === "");
    if (empty)
      throw new UsageError(
        `--${name} needs a value`,
        `write --${name} VALUE, or leave the option out`,
      );
    if (!REPEATABLE.has(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  for (const [name, count] of counts) {
    if (count > 1) {
      throw new UsageError(
        `--${name} is given ${count} times`,
        `give --${name} once`,
      );
    }
  }
}

/**
 * Reads a boolean option from the words before yargs has parsed them, the
 * last occurrence winning: `--quiet`, `-q`, `--quiet=true`, `--quiet=false`
 * or `--no-quiet`.
 */
export function booleanFlag(
  words: readonly string[],
  name: string,
  fallback: boolean,
): boolean {
  const short = Object.entries(ALIASES).find(([, long]) => long === name)?.[0];
  let value = fallback;
  for (const word of words) {
    if (word === "--") break;
    if (word === `--no-${name}` || word === `--${name}=false`) value = false;
    if (word === `--${name}` || word === `--${name}=true`) value = true;
    if (short !== undefined && word === `-${short}`) value = true;
  }
  return value;
}

/** Returns the long name of the option a word gives, without `no-`. */
function optionName(word: string): string | undefined {
  const short = /^-([a-zA-Z])$/.exec(word);
  if (short) return ALIASES[short[1] ?? ""] ?? short[1];
  const long = /^--([a-zA-Z][\w-]*)(=|$)/.exec(word);
  if (!long) return undefined;
  const name = long[1] ?? "";
  return name.startsWith("no-") ? name.slice(3) : name;
}
