/**
 * The one-line fault syntax for a command-line flag, such as
 * `method=GET,path=/repositories$,status=503,from=2,count=3`: items
 * separated by commas, each a `key=value` pair or an action word.
 */
import { FaultSpecError } from "./fault-error.js";
import {
  FAULT_METHODS,
  type Fault,
  type FaultAction,
  MAX_FAULT_STATUS,
  MIN_FAULT_STATUS,
  compileFaultPath,
  isFaultStatus,
  isRetryAfterValue,
} from "./faults.js";

const KEYS = [
  "method",
  "path",
  "every",
  "from",
  "count",
  "status",
  "retry-after",
] as const;

type Key = (typeof KEYS)[number];

/** An example item for each key, shown when the key has no value. */
const EXAMPLES: Record<Key, string> = {
  method: "method=GET",
  path: "path=/repositories$",
  every: "every=3",
  from: "from=2",
  count: "count=3",
  status: "status=503",
  "retry-after": "retry-after=1",
};

const ACTION_WORDS = ["drop", "drop-after-commit"] as const;
const ACTION_CHOICES = "status=CODE, drop or drop-after-commit";

/** The items of a spec as read, before they are checked together. */
interface ReadSpec {
  values: Map<Key, string>;
  /** Every action item as written, such as "status=429" or "drop". */
  actions: string[];
  problems: string[];
}

/**
 * Parses a fault spec such as `status=429,retry-after=1,every=3`. Keys are
 * method, path, every, from, count (`all` for every request from `from` on),
 * status and retry-after. Exactly one action is required: `status=CODE`,
 * `drop` or `drop-after-commit`. Spaces around items are ignored, and values
 * cannot contain commas. Throws FaultSpecError listing every problem.
 */
export function parseFault(spec: string): Fault {
  if (spec.trim() === "") {
    throw specError(spec, [
      "it is empty; write comma-separated items such as status=429,every=3",
    ]);
  }
  const read = readItems(spec);
  const { values, problems } = read;
  problems.push(...checkCombination(read));

  const fault: Partial<Fault> = {};
  const method = values.get("method");
  if (method !== undefined) {
    fault.method = method.toUpperCase();
    if (!FAULT_METHODS.includes(fault.method)) {
      problems.push(
        `method must be one of ${FAULT_METHODS.join(", ")}, got "${method}"`,
      );
    }
  }
  const path = values.get("path");
  if (path !== undefined) {
    fault.path = path;
    const compiled = compileFaultPath(path);
    if (typeof compiled === "string") {
      problems.push(
        `path is not a valid regular expression: ${compiled}; escape characters such as ( [ . * with a backslash to match them literally`,
      );
    }
  }
  for (const key of ["every", "from", "count"] as const) {
    const value = values.get(key);
    if (value !== undefined) {
      fault[key] = parseCount(key, value, problems);
    }
  }
  const action = parseAction(read);
  if (problems.length > 0 || action === undefined) {
    throw specError(spec, problems);
  }
  return { ...fault, action };
}

/**
 * Formats a fault in the spec syntax, action first, such as
 * `status=429,retry-after=1,every=3`. A value that contains a comma is
 * written as it is, so the result then does not parse back.
 */
export function formatFault(fault: Fault): string {
  const items = formatAction(fault.action);
  if (fault.method !== undefined) {
    items.push(`method=${fault.method}`);
  }
  if (fault.path !== undefined) {
    items.push(`path=${fault.path}`);
  }
  if (fault.every !== undefined) {
    items.push(`every=${fault.every}`);
    return items.join(",");
  }
  if (fault.from !== undefined) {
    items.push(`from=${fault.from}`);
  }
  if (fault.count !== undefined) {
    items.push(`count=${fault.count === Infinity ? "all" : fault.count}`);
  }
  return items.join(",");
}

/** Splits the spec into items and sorts them into values and actions. */
function readItems(spec: string): ReadSpec {
  const read: ReadSpec = { values: new Map(), actions: [], problems: [] };
  for (const [index, rawItem] of spec.split(",").entries()) {
    const item = rawItem.trim();
    const equals = item.indexOf("=");
    if (item === "") {
      read.problems.push(`item ${index + 1} is empty; remove the extra comma`);
    } else if (equals === -1) {
      readWord(item, read);
    } else {
      readPair(item.slice(0, equals), item.slice(equals + 1), read);
    }
  }
  return read;
}

function readWord(word: string, read: ReadSpec): void {
  if (isActionWord(word)) {
    read.actions.push(word);
  } else if (isKey(word)) {
    read.problems.push(`${word} needs a value, such as ${EXAMPLES[word]}`);
  } else {
    read.problems.push(
      `"${word}" is neither an action (drop, drop-after-commit) nor a key=value item`,
    );
  }
}

function readPair(key: string, value: string, read: ReadSpec): void {
  if (isActionWord(key)) {
    read.problems.push(`${key} takes no value; write ${key} alone`);
  } else if (!isKey(key)) {
    read.problems.push(`unknown key "${key}"; the keys are ${KEYS.join(", ")}`);
  } else if (read.values.has(key)) {
    read.problems.push(`${key} is given twice; give each key once`);
  } else if (value === "") {
    read.problems.push(`${key} needs a value, such as ${EXAMPLES[key]}`);
  } else {
    read.values.set(key, value);
    if (key === "status") {
      read.actions.push(`status=${value}`);
    }
  }
}

/** Checks the rules that involve several items. */
function checkCombination(read: ReadSpec): string[] {
  const { values, actions } = read;
  const problems: string[] = [];
  if (actions.length === 0) {
    problems.push(`no action; add one of ${ACTION_CHOICES}`);
  } else if (actions.length > 1) {
    problems.push(
      `more than one action (${actions.join(", ")}); keep only one of ${ACTION_CHOICES}`,
    );
  }
  if (values.has("retry-after") && !values.has("status")) {
    problems.push("retry-after is allowed only with status=CODE");
  }
  if (values.has("every") && (values.has("from") || values.has("count"))) {
    problems.push(
      "every cannot be combined with from or count; write every=N alone, or from=N and count=N",
    );
  }
  return problems;
}

/** Parses the single action. Returns undefined when it is missing or invalid. */
function parseAction(read: ReadSpec): FaultAction | undefined {
  const { values, actions, problems } = read;
  const [word] = actions;
  if (actions.length !== 1 || word === undefined) {
    return undefined;
  }
  if (word === "drop" || word === "drop-after-commit") {
    return { kind: word };
  }

  const statusText = values.get("status") ?? "";
  const status = /^[0-9]{3}$/.test(statusText) ? Number(statusText) : NaN;
  if (!isFaultStatus(status)) {
    problems.push(
      `status must be an HTTP status from ${MIN_FAULT_STATUS} to ${MAX_FAULT_STATUS}, got "${statusText}"`,
    );
  }
  const retryAfter = values.get("retry-after");
  if (retryAfter === undefined) {
    return { kind: "status", status };
  }
  if (!isRetryAfterValue(retryAfter)) {
    problems.push(
      `retry-after must be printable ASCII text, such as retry-after=1, got ${JSON.stringify(retryAfter)}`,
    );
  }
  return { kind: "status", status, retryAfter };
}

/** Parses every, from or count. Only count also takes `all`, for Infinity. */
function parseCount(
  key: "every" | "from" | "count",
  value: string,
  problems: string[],
): number {
  if (key === "count" && value === "all") {
    return Infinity;
  }
  const number = /^[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(number) || number < 1) {
    const all = key === "count" ? ", or all" : "";
    problems.push(
      `${key} must be an integer of 1 or more${all}, got "${value}"`,
    );
  }
  return number;
}

function formatAction(action: FaultAction): string[] {
  if (action.kind !== "status") {
    return [action.kind];
  }
  const status = `status=${action.status}`;
  return action.retryAfter === undefined
    ? [status]
    : [status, `retry-after=${action.retryAfter}`];
}

function isKey(word: string): word is Key {
  return (KEYS as readonly string[]).includes(word);
}

function isActionWord(word: string): word is (typeof ACTION_WORDS)[number] {
  return (ACTION_WORDS as readonly string[]).includes(word);
}

function specError(spec: string, problems: readonly string[]): FaultSpecError {
  return new FaultSpecError(
    `invalid fault ${JSON.stringify(spec)}: ${problems.join("; ")}`,
    { hint: 'see "Fault injection" in docs/emulator.md' },
  );
}
