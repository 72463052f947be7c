import path from "node:path";

/**
 * Shows a path relative to the working directory when it lies inside it,
 * and absolute otherwise, the way messages name files.
 */
export function displayPath(target: string): string {
  const relative = path.relative(process.cwd(), target);
  if (relative === "") return ".";
  if (relative.startsWith("..") || path.isAbsolute(relative)) {
    return path.resolve(target);
  }
  return relative;
}

/**
 * Shows a name from the API or the files on one line: line breaks and
 * other control characters are escaped, so that a name cannot start a line
 * of its own (a fake workflow command in a CI log, say).
 */
export function displayName(name: string): string {
  return name.replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (character) =>
      `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
