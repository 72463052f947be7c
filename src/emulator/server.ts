/**
 * The request listener: latency, routing, fault injection, authentication,
 * body parsing, the write path, recording and logging of every request.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import { authorize } from "./auth.js";
import { formatFault } from "./fault-spec.js";
import {
  type AppliedFault,
  type FaultInjector,
  statusFaultReply,
} from "./faults.js";
import { HttpError } from "./http-error.js";
import {
  type ParsedBody,
  type Reply,
  errorReply,
  parseJsonBody,
  readRawBody,
  sendReply,
} from "./http.js";
import type { PaginationShape } from "./pagination.js";
import { type RouteContext, type RouteMatch, matchRoute } from "./router.js";
import { ROUTES } from "./routes/index.js";
import type { EmulatorState } from "./state.js";
import type { StateStore } from "./store.js";

/** One request as the emulator served it; never contains headers. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The status sent, or 0 when a fault closed the connection instead. */
  status: number;
  body: unknown;
  requestId: string;
  response: RecordedResponse;
}

/** The response to a recorded request, without its headers. */
export interface RecordedResponse {
  /** The same as the request's `status`. */
  status: number;
  /**
   * The JSON body as the client received it, parsed again from the text
   * sent. Undefined for a response without a body (204) and for a dropped
   * connection.
   */
  body: unknown;
}

export interface ListenerSettings {
  pagination: PaginationShape;
  listIncludesConfiguration: boolean;
  latencyMs: number;
  faults: FaultInjector;
  log: ((line: string) => void) | undefined;
  requests: RecordedRequest[];
  recordRequests: boolean;
}

/** The method and the request target, split into path and query. */
interface Target {
  method: string;
  /** The path as sent, still percent-encoded. */
  path: string;
  query: URLSearchParams;
}

/** A request reduced to what the handlers need. */
interface ParsedRequest extends Target {
  authorization: string | undefined;
  body: ParsedBody;
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

export function createRequestListener(
  store: StateStore,
  settings: ListenerSettings,
): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    serveRequest(request, response, store, settings).catch((error) => {
      // Only sending the reply or logging can fail here; the connection is
      // of no further use.
      const reason = error instanceof Error ? error.message : String(error);
      settings.log?.(
        `${request.method ?? "?"} ${request.url ?? "?"}: failed to send a response: ${reason}`,
      );
      response.destroy();
    });
  };
}

/** The result of handling a request, before it is recorded and sent. */
interface Outcome {
  /**
   * The handler's reply, an error or the response of a `status` fault.
   * Undefined when a `drop` fault stopped the request before handling.
   */
  reply: Reply | undefined;
  /** The parsed request body, when it was valid JSON. */
  body: unknown;
  /** The message of an unexpected error, which the log line carries. */
  failure: string | undefined;
  /** The fault injected into the request, if any. */
  fault: AppliedFault | undefined;
}

async function serveRequest(
  request: IncomingMessage,
  response: ServerResponse,
  store: StateStore,
  settings: ListenerSettings,
): Promise<void> {
  const started = performance.now();
  const requestId = randomUUID();
  const target = splitTarget(request.method ?? "GET", request.url ?? "/");
  const { method, path } = target;
  if (settings.latencyMs > 0) {
    await delay(settings.latencyMs);
  }
  const outcome = await handleRequest(request, target, store, settings);
  const { reply, fault } = outcome;

  // A dropped request is recorded and logged with status 0, because the
  // client receives no status at all.
  const dropped = fault !== undefined && fault.fault.action.kind !== "status";
  const status = dropped || reply === undefined ? 0 : reply.status;
  const sentBody = dropped ? undefined : reply?.body;
  const text = sentBody === undefined ? undefined : JSON.stringify(sentBody);
  if (settings.recordRequests) {
    settings.requests.push({
      method,
      path,
      query: firstValues(target.query),
      status,
      body: outcome.body,
      requestId,
      response: recordedResponse(status, text),
    });
  }
  if (dropped || reply === undefined) {
    response.destroy();
  } else {
    sendReply(response, reply, requestId, text);
  }

  const duration = Math.round(performance.now() - started);
  const line = `${method} ${path} ${status} ${duration}ms ${requestId}`;
  settings.log?.([line, ...describeOutcome(outcome)].join(" "));
}

/**
 * Reads the body, routes the request, then either injects the fault that
 * applies or runs the handler. A `drop-after-commit` fault lets the handler
 * run, so its reply is returned and the caller drops it.
 */
async function handleRequest(
  request: IncomingMessage,
  target: Target,
  store: StateStore,
  settings: ListenerSettings,
): Promise<Outcome> {
  const outcome: Outcome = {
    reply: undefined,
    body: undefined,
    failure: undefined,
    fault: undefined,
  };
  try {
    const parsed = await parseRequest(request, target);
    outcome.body = parsed.body.value;
    const match = matchRoute(ROUTES, target.method, target.path);
    const fault = settings.faults.select(target.method, target.path);
    outcome.fault = fault;

    const action = fault?.fault.action;
    if (fault !== undefined && action?.kind === "status") {
      outcome.reply = statusFaultReply(fault.number, action);
    } else if (action?.kind !== "drop") {
      outcome.reply = await respond(parsed, match, store, settings);
    }
  } catch (error) {
    if (error instanceof HttpError) {
      outcome.reply = errorReply(error);
    } else {
      outcome.failure = error instanceof Error ? error.message : String(error);
      const message = `internal emulator error: ${outcome.failure}`;
      outcome.reply = errorReply(new HttpError(500, message));
    }
  }
  return outcome;
}

/** Returns the notes that follow the log line: the fault and any error. */
function describeOutcome(outcome: Outcome): string[] {
  const notes: string[] = [];
  const { fault } = outcome;
  if (fault !== undefined) {
    const text = `fault ${fault.number} (${formatFault(fault.fault)})`;
    const kind = fault.fault.action.kind;
    if (kind === "status") {
      notes.push(text);
    } else if (kind === "drop") {
      notes.push(`${text}: closed the connection without handling the request`);
    } else {
      const status = outcome.reply?.status ?? "a response";
      notes.push(`${text}: closed the connection instead of sending ${status}`);
    }
  }
  if (outcome.failure !== undefined) {
    notes.push(`error: ${outcome.failure}`);
  }
  return notes;
}

async function parseRequest(
  request: IncomingMessage,
  target: Target,
): Promise<ParsedRequest> {
  let body: ParsedBody;
  try {
    body = parseJsonBody(await readRawBody(request));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HttpError(400, `failed to read the request body: ${reason}`);
  }
  return { ...target, authorization: request.headers.authorization, body };
}

/**
 * Authenticates and runs the handler of a routed request. Read handlers see
 * the committed state; write handlers go through the store's write path.
 */
async function respond(
  request: ParsedRequest,
  { route, params }: RouteMatch,
  store: StateStore,
  settings: ListenerSettings,
): Promise<Reply> {
  const scope = authorize(request.authorization, store.current.api_keys);
  if (BODY_METHODS.has(request.method) && request.body.error !== undefined) {
    throw request.body.error;
  }

  const contextFor = (state: EmulatorState): RouteContext => ({
    params,
    query: request.query,
    body: request.body.value,
    state,
    scope,
    pagination: settings.pagination,
    listIncludesConfiguration: settings.listIncludesConfiguration,
  });
  if (WRITE_METHODS.has(request.method)) {
    return store.write((draft) => route.handle(contextFor(draft)));
  }
  return route.handle(contextFor(store.current));
}

/**
 * Splits a request target such as `/v1/accounts?page=2`. It is not parsed
 * as a URL, because a target starting with `//` would be read as a host.
 */
function splitTarget(method: string, url: string): Target {
  const index = url.indexOf("?");
  const path = index === -1 ? url : url.slice(0, index);
  const search = index === -1 ? "" : url.slice(index + 1);
  return { method, path, query: new URLSearchParams(search) };
}

/**
 * Records a response with its body as a client parses it from the JSON
 * text sent, so the record holds no reference to the emulator's state and
 * drops what JSON.stringify drops. The text is parsed when the body is
 * first read, because most records are never read.
 */
function recordedResponse(
  status: number,
  text: string | undefined,
): RecordedResponse {
  let parsed: { value: unknown } | undefined;
  return {
    status,
    get body() {
      parsed ??= { value: text === undefined ? undefined : JSON.parse(text) };
      return parsed.value;
    },
  };
}

/** Keeps the first value of a repeated parameter, as the handlers do. */
function firstValues(query: URLSearchParams): Record<string, string> {
  const names = new Set(query.keys());
  return Object.fromEntries(
    [...names].map((name) => [name, query.get(name) ?? ""]),
  );
}
