/** Helpers that inspect untrusted JSON values. */

const UUID_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Maximum length of a value rendered in an error message, in characters. */
const MAX_DESCRIBED_LENGTH = 80;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

export function isPlainObject(
  value: unknown,
): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Renders a value for an error message: scalars as JSON, containers by kind,
 * so a message never echoes a whole request body.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return "nothing";
  }
  if (Array.isArray(value)) {
    return "an array";
  }
  if (typeof value === "object" && value !== null) {
    return "an object";
  }
  const json = JSON.stringify(value);
  if (json.length <= MAX_DESCRIBED_LENGTH) {
    return json;
  }
  return `${json.slice(0, MAX_DESCRIBED_LENGTH)}…`;
}

/** Joins a JSON path and a key the way messages print paths. */
export function joinPath(path: string, key: string | number): string {
  if (typeof key === "number") {
    return `${path}[${key}]`;
  }
  return path === "" ? key : `${path}.${key}`;
}

/**
 * Folds a name for comparisons that ignore case: NFC normalization, then
 * lower case, so that "é" typed either way compares equal.
 */
export function foldName(name: string): string {
  return name.normalize("NFC").toLowerCase();
}

/**
 * Tells whether the text is a real day in YYYY-MM-DD form; 2026-02-30 is
 * not, although Date.parse rolls it over to March.
 */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    return false;
  }
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}
