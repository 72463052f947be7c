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
