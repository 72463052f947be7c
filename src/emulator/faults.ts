/**
 * Fault injection: rate limits, server errors and lost responses that the
 * emulator injects into chosen requests, so that clients can rehearse them.
 */
import { STATUS_CODES } from "node:http";
import { FaultSpecError } from "./fault-error.js";
import { HttpError } from "./http-error.js";
import { type Reply, errorReply } from "./http.js";

/** The action a fault takes on each request it applies to. */
export type FaultAction =
  /**
   * Responds with this status and `{"error": "..."}`, plus a Retry-After
   * header when `retryAfter` is given, without handling the request.
   */
  | { kind: "status"; status: number; retryAfter?: string }
  /** Destroys the connection before handling the request. */
  | { kind: "drop" }
  /**
   * Handles the request, so a successful write is committed and saved, then
   * destroys the connection without sending the response.
   */
  | { kind: "drop-after-commit" };

/**
 * A fault to inject. It matches requests by method and path, counts them,
 * and applies its action to the matching requests that `every`, or `from`
 * and `count`, select.
 */
export interface Fault {
  /** HTTP method to match; any method when omitted. */
  method?: string;
  /**
   * Regular expression tested against the request path as sent, without its
   * query and still percent-encoded, such as "/repositories$". Any path
   * matches when omitted.
   */
  path?: string;
  /**
   * Counting only the requests this fault matches, from 1: affect every Nth
   * one (N, 2N, 3N, ...).
   */
  every?: number;
  /**
   * First matching request to affect, counting from 1; default 1. Ignored
   * when `every` is set.
   */
  from?: number;
  /**
   * Number of matching requests to affect, starting with the `from`th: a
   * positive integer, or Infinity for all of them; default 1. Ignored when
   * `every` is set.
   */
  count?: number;
  action: FaultAction;
}

/** A fault that applies to a request, with its position in the list. */
export interface AppliedFault {
  /** Position of the fault in the `faults` option, from 1. */
  number: number;
  fault: Fault;
}

/** The methods that the emulator routes. A fault on any other never applies. */
export const FAULT_METHODS: readonly string[] = [
  "GET",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
];

export const MIN_FAULT_STATUS = 400;
export const MAX_FAULT_STATUS = 599;

/** A fault with its compiled path and the count of requests it matched. */
interface FaultCounter {
  number: number;
  fault: Fault;
  method: string | undefined;
  path: RegExp | undefined;
  matched: number;
}

/**
 * Decides which fault, if any, applies to each request. Every fault counts
 * the requests it matches, whether or not an earlier fault applied to them.
 */
export class FaultInjector {
  readonly #counters: FaultCounter[];

  /** Throws FaultSpecError listing every invalid field of `faults`. */
  constructor(faults: readonly Fault[]) {
    checkFaults(faults);
    this.#counters = faults.map((fault, index) => ({
      number: index + 1,
      fault: { ...fault, action: { ...fault.action } },
      method: fault.method?.toUpperCase(),
      path: fault.path === undefined ? undefined : new RegExp(fault.path),
      matched: 0,
    }));
  }

  /**
   * Counts the request against every fault whose method and path match it.
   * Returns the first fault that applies at its new count, if any.
   */
  select(method: string, path: string): AppliedFault | undefined {
    let applied: AppliedFault | undefined;
    for (const counter of this.#counters) {
      if (!matches(counter, method, path)) {
        continue;
      }
      counter.matched += 1;
      if (applied === undefined && appliesAt(counter.fault, counter.matched)) {
        applied = { number: counter.number, fault: counter.fault };
      }
    }
    return applied;
  }
}

/**
 * Builds the response of a `status` fault, such as 429 with
 * `{"error": "injected fault 1: 429 Too Many Requests"}`.
 */
export function statusFaultReply(
  number: number,
  action: Extract<FaultAction, { kind: "status" }>,
): Reply {
  const name = STATUS_CODES[action.status];
  const status =
    name === undefined ? String(action.status) : `${action.status} ${name}`;
  const headers: Record<string, string> =
    action.retryAfter === undefined ? {} : { "retry-after": action.retryAfter };
  return errorReply(
    new HttpError(
      action.status,
      `injected fault ${number}: ${status}`,
      headers,
    ),
  );
}

/** Compiles a fault's path, or returns the reason it is invalid. */
export function compileFaultPath(path: string): RegExp | string {
  try {
    return new RegExp(path);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export function isFaultStatus(status: number): boolean {
  return (
    Number.isInteger(status) &&
    status >= MIN_FAULT_STATUS &&
    status <= MAX_FAULT_STATUS
  );
}

/**
 * Checks that a Retry-After value can be sent as a header unchanged. Any
 * printable ASCII passes, so that clients can also rehearse values that are
 * neither seconds nor an HTTP date.
 */
export function isRetryAfterValue(value: string): boolean {
  return /^[\x20-\x7e]+$/.test(value);
}

function matches(counter: FaultCounter, method: string, path: string): boolean {
  if (counter.method !== undefined && counter.method !== method) {
    return false;
  }
  return counter.path === undefined || counter.path.test(path);
}

/** Tests whether a fault applies to the `position`th request it matched. */
function appliesAt(fault: Fault, position: number): boolean {
  if (fault.every !== undefined) {
    return position % fault.every === 0;
  }
  const from = fault.from ?? 1;
  const count = fault.count ?? 1;
  return position >= from && position - from < count;
}

/** Throws FaultSpecError listing every invalid field of `faults`. */
function checkFaults(faults: readonly Fault[]): void {
  const problems = faults.flatMap((fault, index) =>
    findFaultProblems(fault).map((problem) => `faults[${index}].${problem}`),
  );
  if (problems.length > 0) {
    throw new FaultSpecError(
      `invalid emulator faults: ${problems.join("; ")}`,
      { hint: 'see "Fault injection" in docs/emulator.md' },
    );
  }
}

/** Returns one message per invalid field, each starting with its name. */
function findFaultProblems(fault: Fault): string[] {
  const problems: string[] = [];
  const { method, path, every, from, count, action } = fault;
  const knownMethod =
    typeof method === "string" && FAULT_METHODS.includes(method.toUpperCase());
  if (method !== undefined && !knownMethod) {
    problems.push(
      `method must be one of ${FAULT_METHODS.join(", ")}, got ${show(method)}`,
    );
  }
  if (path !== undefined && typeof path !== "string") {
    problems.push(`path must be a string, got ${show(path)}`);
  } else if (path !== undefined) {
    const compiled = compileFaultPath(path);
    if (typeof compiled === "string") {
      problems.push(`path is not a valid regular expression: ${compiled}`);
    }
  }
  for (const [name, value] of [
    ["every", every],
    ["from", from],
  ] as const) {
    if (value !== undefined && !isPositiveInteger(value)) {
      problems.push(
        `${name} must be an integer of 1 or more, got ${show(value)}`,
      );
    }
  }
  if (count !== undefined && !isPositiveInteger(count) && count !== Infinity) {
    problems.push(
      `count must be an integer of 1 or more, or Infinity, got ${show(count)}`,
    );
  }
  problems.push(...findActionProblems(action));
  return problems;
}

function findActionProblems(action: FaultAction): string[] {
  if (action?.kind === "drop" || action?.kind === "drop-after-commit") {
    return [];
  }
  if (action?.kind !== "status") {
    const kind = (action as { kind?: unknown } | undefined)?.kind;
    return [
      `action.kind must be "status", "drop" or "drop-after-commit", got ${show(kind)}`,
    ];
  }

  const problems: string[] = [];
  if (!isFaultStatus(action.status)) {
    problems.push(
      `action.status must be an HTTP status from ${MIN_FAULT_STATUS} to ${MAX_FAULT_STATUS}, got ${show(action.status)}`,
    );
  }
  const { retryAfter } = action;
  if (
    retryAfter !== undefined &&
    !(typeof retryAfter === "string" && isRetryAfterValue(retryAfter))
  ) {
    problems.push(
      `action.retryAfter must be printable ASCII text, such as "1", got ${show(retryAfter)}`,
    );
  }
  return problems;
}

function isPositiveInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 1;
}

/** Shows a value in a message: strings quoted, numbers such as Infinity bare. */
function show(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}
