import { displayWidth, padDisplay } from "../util/display-width.js";
import { isRecord } from "../util/record.js";

/**
 * Formats a setting's value for text output: strings quoted, lists in
 * brackets, maps as `{ key = value }`, and an absent value as `(none)`.
 */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return "(none)";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(", ")}]`;
  if (isRecord(value)) {
    const entries = Object.entries(value)
      .filter(([, entry]) => entry !== undefined)
      .map(([key, entry]) => `${key} = ${formatValue(entry)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return String(value);
}

/** Pads each name to the longest of them, for aligned `name = value` lines. */
export function padNames(names: readonly string[]): (name: string) => string {
  const width = Math.max(0, ...names.map((name) => displayWidth(name)));
  return (name) => padDisplay(name, width);
}

export function plural(count: number, singular: string, pluralForm?: string) {
  return `${count} ${count === 1 ? singular : (pluralForm ?? `${singular}s`)}`;
}
