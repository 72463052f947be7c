/**
 * Writes a name as inline Markdown code that the name cannot break out of:
 * the fence is longer than any run of backticks in it, and line breaks are
 * shown as \n. HTML and entities are plain text inside a code span, so `<`
 * and `&` are left as they are; escaped, they would show as `&lt;`.
 */
export function code(name: string): string {
  const flat = name.replace(/[\r\n]/g, (character) =>
    character === "\n" ? "\\n" : "\\r",
  );
  const longest = Math.max(
    0,
    ...(flat.match(/`+/g) ?? []).map((run) => run.length),
  );
  const fence = "`".repeat(longest + 1);
  const padded =
    flat.startsWith("`") || flat.endsWith("`") ? ` ${flat} ` : flat;
  return `${fence}${padded}${fence}`;
}

const HTML_ENTITIES: Record<string, string> = {
  "<": "&lt;",
  ">": "&gt;",
  "&": "&amp;",
};

/** Escapes the characters that Markdown renderers read as HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[<>&]/g, (character) => HTML_ENTITIES[character]!);
}

/**
 * Escapes the pipes of a table cell's text. GitHub splits table cells at
 * every pipe that an even number of backslashes precedes, inside code spans
 * too (GFM spec, tables extension), so such a pipe gets one more backslash.
 */
export function tableCell(text: string): string {
  return text.replace(/(\\*)\|/g, (match, backslashes: string) =>
    backslashes.length % 2 === 1 ? match : `${backslashes}\\|`,
  );
}

/** A letter or a digit, on either side of an underscore inside a word. */
const WORD = /^[\p{L}\p{N}]$/u;

/**
 * Escapes text for Markdown prose, such as a list item that quotes names:
 * HTML-special characters as entities, and with a backslash the characters
 * that start emphasis, code, links, table cells and strikethrough, so that
 * a configuration named `[x](http://example.com)` stays text. An underscore
 * between two letters or digits cannot start emphasis, so `risk_threshold`
 * is left as it is.
 */
export function escapeMarkdown(text: string): string {
  return escapeHtml(text).replace(
    /[\\`*_[\]|~]/g,
    (character, offset: number, whole: string) =>
      character === "_" &&
      WORD.test(whole.charAt(offset - 1)) &&
      WORD.test(whole.charAt(offset + 1))
        ? character
        : `\\${character}`,
  );
}
