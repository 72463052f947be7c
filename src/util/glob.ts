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

/** The POSIX classes that minimatch supports, such as `[:digit:]`. */
const POSIX_CLASSES = new Set([
  "alnum",
  "alpha",
  "ascii",
  "blank",
  "cntrl",
  "digit",
  "graph",
  "lower",
  "print",
  "punct",
  "space",
  "upper",
  "word",
  "xdigit",
]);

/**
 * Finds a mistake inside a bracket expression that minimatch would accept
 * and then match nothing with: a POSIX class it does not know, or a range
 * whose ends are in reverse order. Returns the problem, or undefined.
 */
export function bracketProblem(
  pattern: string,
): { message: string; hint: string } | undefined {
  for (let index = 0; index < pattern.length; index++) {
    if (pattern[index] === "\\") {
      index++;
      continue;
    }
    if (pattern[index] !== "[") continue;
    const end = bracketEnd(pattern, index);
    if (end === undefined) return undefined;
    const problem = problemInside(pattern.slice(index + 1, end));
    if (problem !== undefined) return problem;
    index = end;
  }
  return undefined;
}

function problemInside(
  body: string,
): { message: string; hint: string } | undefined {
  // Each member of the expression; a dash is a range only when unescaped.
  const members: { value: string; dash: boolean }[] = [];
  const first = body.startsWith("!") || body.startsWith("^") ? 1 : 0;
  for (let index = first; index < body.length; index++) {
    const character = body[index] as string;
    if (character === "[" && body[index + 1] === ":") {
      const close = body.indexOf(":]", index + 2);
      if (close >= 0) {
        const name = body.slice(index + 2, close);
        if (!POSIX_CLASSES.has(name)) {
          return {
            message: `has the unknown character class [:${name}:]`,
            hint: `use one of ${[...POSIX_CLASSES].map((known) => `[:${known}:]`).join(", ")}`,
          };
        }
        members.push({ value: "", dash: false });
        index = close + 1;
        continue;
      }
    }
    if (character === "\\" && index + 1 < body.length) {
      members.push({ value: body[++index] as string, dash: false });
      continue;
    }
    members.push({ value: character, dash: character === "-" });
  }
  for (let index = 1; index + 1 < members.length; index++) {
    const low = members[index - 1]?.value ?? "";
    const high = members[index + 1]?.value ?? "";
    if (!members[index]?.dash || low === "" || high === "") continue;
    if ((low.codePointAt(0) ?? 0) > (high.codePointAt(0) ?? 0)) {
      return {
        message: `has the range ${low}-${high}, whose ends are in reverse order`,
        hint: `write it as ${high}-${low}`,
      };
    }
  }
  return undefined;
}
