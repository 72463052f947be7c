/**
 * The request listener: routing, authentication, body parsing, the write
 * path, latency, recording and logging of every request.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { performance } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";
import { authorize } from "./auth.js";
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
import { type RouteContext, matchRoute } from "./router.js";
import { ROUTES } from "./routes/index.js";
import type { EmulatorState } from "./state.js";
import type { StateStore } from "./store.js";

/** One request as the emulator served it; never contains headers. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  body: unknown;
  requestId: string;
}

export interface ListenerSettings {
  pagination: PaginationShape;
  listIncludesConfiguration: boolean;
  latencyMs: number;
  log: ((line: string) => void) | undefined;
  requests: RecordedRequest[];
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
      settings.log?.(`failed to send a response: ${reason}`);
      response.destroy();
    });
  };
}

/** The result of handling a request, before it is recorded and sent. */
interface Outcome {
  reply: Reply;
  /** The parsed request body, when it was valid JSON. */
  body: unknown;
  /** The message of an unexpected error, which the log line carries. */
  failure: string | undefined;
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
  const outcome = await handleRequest(request, target, store, settings);
  const { reply } = outcome;

  settings.requests.push({
    method,
    path,
    query: firstValues(target.query),
    status: reply.status,
    body: outcome.body,
    requestId,
  });
  if (settings.latencyMs > 0) {
    await delay(settings.latencyMs);
  }
  sendReply(response, reply, requestId);

  const duration = Math.round(performance.now() - started);
  const line = `${method} ${path} ${reply.status} ${duration}ms ${requestId}`;
  settings.log?.(
    outcome.failure === undefined ? line : `${line} error: ${outcome.failure}`,
  );
}

async function handleRequest(
  request: IncomingMessage,
  target: Target,
  store: StateStore,
  settings: ListenerSettings,
): Promise<Outcome> {
  let body: unknown;
  try {
    const parsed = await parseRequest(request, target);
    body = parsed.body.value;
    const reply = await respond(parsed, store, settings);
    return { reply, body, failure: undefined };
  } catch (error) {
    if (error instanceof HttpError) {
      return { reply: errorReply(error), body, failure: undefined };
    }
    const failure = error instanceof Error ? error.message : String(error);
    const internal = new HttpError(500, `internal emulator error: ${failure}`);
    return { reply: errorReply(internal), body, failure };
  }
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
 * Routes, authenticates and runs the handler. Read handlers see the
 * committed state; write handlers go through the store's write path.
 */
async function respond(
  request: ParsedRequest,
  store: StateStore,
  settings: ListenerSettings,
): Promise<Reply> {
  const { route, params } = matchRoute(ROUTES, request.method, request.path);
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

/** Keeps the first value of a repeated parameter, as the handlers do. */
function firstValues(query: URLSearchParams): Record<string, string> {
  const names = new Set(query.keys());
  return Object.fromEntries(
    [...names].map((name) => [name, query.get(name) ?? ""]),
  );
}
