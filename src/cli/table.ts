import { displayName } from "../util/display-path.js";
import { displayWidth, padDisplay } from "../util/display-width.js";
/** One column of a table: its heading and how to read a row's cell. */
export interface Column<T> {
  heading: string;
  cell: (row: T) => string;
}

/**
 * Formats rows as a plain-text table: a heading line, then one line per
 * row, columns padded to their widest cell and separated by two spaces.
 */
export function formatTable<T>(
  rows: readonly T[],
  columns: Column<T>[],
): string {
  const cells = rows.map((row) => columns.map((column) => column.cell(row)));
  const widths = columns.map((column, index) =>
    Math.max(
      displayWidth(column.heading),
      ...cells.map((line) => displayWidth(line[index] ?? "")),
    ),
  );
  const format = (line: string[]) =>
    line
      .map((cell, index) => padDisplay(cell, widths[index] ?? 0))
      .join("  ")
      .trimEnd();
  const lines = [
    format(columns.map((column) => column.heading)),
    ...cells.map(format),
  ];
  return `${lines.join("\n")}\n`;
}

/** Shows an absent value as `-` and everything else as text. */
export function text(value: unknown): string {
  if (value === undefined || value === null || value === "") return "-";
  return displayName(typeof value === "string" ? value : JSON.stringify(value));
}
