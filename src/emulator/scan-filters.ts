/** The query filters of the scan endpoints. */
import { HttpError } from "./http-error.js";
import type { ScanResult, ScanSeed } from "./seed.js";
import { isCalendarDate } from "./values.js";

const SCAN_RESULTS: readonly ScanResult[] = ["failing", "risky", "info"];

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A filter that keeps every scan when the query sets none. */
export type ScanFilter = (scan: ScanSeed) => boolean;

/**
 * Builds the filter of GET .../scans from `date_from`, `date_to`,
 * `initiated_by` and `result`. Both dates are inclusive; a date without a
 * time covers its whole day, and a time without a zone is read as UTC.
 * Throws a 400 HttpError naming the first bad parameter.
 */
export function readScanFilter(query: URLSearchParams): ScanFilter {
  const from = readInstant(query, "date_from", "start");
  const to = readInstant(query, "date_to", "end");
  if (from !== undefined && to !== undefined && from > to) {
    throw new HttpError(
      400,
      `date_from ${JSON.stringify(query.get("date_from"))} is after date_to ${JSON.stringify(query.get("date_to"))}`,
    );
  }
  const initiatedBy = query.get("initiated_by");
  const results = readResults(query, "result");

  return (scan) => {
    const created = Date.parse(scan.created_at);
    return (
      (from === undefined || created >= from) &&
      (to === undefined || created <= to) &&
      (initiatedBy === null || scan.initiated_by === initiatedBy) &&
      (results === undefined || results.has(scan.result))
    );
  };
}

/**
 * Reads a comma-separated list of scan results such as "failing,risky";
 * returns undefined when the parameter is absent.
 */
export function readResults(
  query: URLSearchParams,
  name: string,
): ReadonlySet<string> | undefined {
  const text = query.get(name);
  if (text === null) {
    return undefined;
  }
  const values = text.split(",").map((value) => value.trim());
  const invalid = values.filter(
    (value) => !(SCAN_RESULTS as readonly string[]).includes(value),
  );
  if (invalid.length > 0) {
    throw new HttpError(
      400,
      `${name} must be a comma-separated list of ${SCAN_RESULTS.join(", ")}, got ${JSON.stringify(text)}`,
    );
  }
  return new Set(values);
}

/** Reads an ISO 8601 date or date-time as milliseconds since the epoch. */
function readInstant(
  query: URLSearchParams,
  name: string,
  edgeOfDay: "start" | "end",
): number | undefined {
  const text = query.get(name);
  if (text === null) {
    return undefined;
  }
  const match = ISO_8601.exec(text);
  const isDateOnly = match !== null && !text.includes("T");
  const hasZone = match?.[4] !== undefined;
  const instant = Date.parse(isDateOnly || hasZone ? text : `${text}Z`);
  if (
    match === null ||
    Number.isNaN(instant) ||
    !isCalendarDate(text.slice(0, 10))
  ) {
    throw new HttpError(
      400,
      `${name} must be an ISO 8601 date or date and time, such as 2026-03-01 or 2026-03-01T12:00:00Z, got ${JSON.stringify(text)}`,
    );
  }
  return isDateOnly && edgeOfDay === "end" ? instant + DAY_MS - 1 : instant;
}
