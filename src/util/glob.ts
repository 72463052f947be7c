import { Minimatch } from "minimatch";

/**
 * Characters that minimatch escapes with a backslash when they are literal,
 * which a regular expression with the `u` flag rejects.
 */
const UNSAFE_LITERAL = /[-,#\s]/;

/**
 * Compiles a repository glob: the whole name must match, `*` stops at `/`,
 * names starting with a dot match too, and the pattern is compared in
 * Unicode NFC.
 */
export function compileGlob(
  pattern: string,
  caseSensitive: boolean,
): Minimatch {
  return new Minimatch(rewriteForPosixClasses(pattern.normalize("NFC")), {
    dot: true,
    nocase: !caseSensitive,
    nonegate: true,
    nocomment: true,
    platform: "linux",
  });
}

/**
 * Rewrites a glob that uses a POSIX class such as `[[:digit:]]`, which
 * minimatch 10.2 compiles with the `u` flag while escaping a literal `-`,
 * `,`, `#` or space as `\-`, an escape that flag rejects
 * (github.com/isaacs/minimatch/issues/273). Each such character outside a
 * bracket expression becomes a bracket expression that lists it twice,
 * `[--]`, which matches the same character. A single `[-]` would not do,
 * because minimatch turns it back into `\-`. Other globs are returned
 * unchanged.
 */
export function rewriteForPosixClasses(pattern: string): string {
  if (!pattern.includes("[:")) return pattern;
  let rewritten = "";
  let braces = 0;
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index] as string;
    if (character === "[") {
      const end = bracketEnd(pattern, index);
      if (end !== undefined) {
        rewritten += pattern.slice(index, end + 1);
        index = end;
        continue;
      }
    }
    let literal: string | undefined;
    if (character === "\\" && index + 1 < pattern.length) {
      literal = pattern[++index] as string;
    } else if (character === "{") {
      braces++;
    } else if (character === "}" && braces > 0) {
      braces--;
    } else if (character !== "," || braces === 0) {
      literal = character;
    }
    if (literal === undefined) rewritten += character;
    else if (UNSAFE_LITERAL.test(literal))
      rewritten += `[${literal}${literal}]`;
    else rewritten += character === "\\" ? `\\${literal}` : literal;
  }
  return rewritten;
}

/**
 * Finds the `]` that closes the bracket expression opening at `start`, as
 * minimatch reads it: a `]` right after the `[` or `[!` is literal, and a
 * POSIX class `[:name:]` inside is skipped whole.
 */
function bracketEnd(pattern: string, start: number): number | undefined {
  let index = start + 1;
  if (pattern[index] === "!" || pattern[index] === "^") index++;
  if (pattern[index] === "]") index++;
  for (; index < pattern.length; index++) {
    const character = pattern[index];
    if (character === "\\") {
      index++;
    } else if (character === "[" && pattern[index + 1] === ":") {
      const close = pattern.indexOf(":]", index + 2);
      if (close >= 0) index = close + 1;
    } else if (character === "]") {
      return index;
    }
  }
  return undefined;
}
