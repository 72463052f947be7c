/** Matching request paths against the emulator's route table. */
import { HttpError } from "./http-error.js";
import type { Reply } from "./http.js";
import type { PaginationShape } from "./pagination.js";
import type { EmulatorState } from "./state.js";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Everything a handler may read. Write handlers receive a draft state. */
export interface RouteContext {
  /** Path parameters, percent-decoded, such as `account_id`. */
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** The parsed JSON body of a POST, PUT or PATCH; undefined when empty. */
  body: unknown;
  state: EmulatorState;
  /** Ids of the accounts that the request's API key may use. */
  scope: ReadonlySet<string>;
  pagination: PaginationShape;
  listIncludesConfiguration: boolean;
}

export interface Route {
  method: Method;
  /** A path under the origin, with `{name}` for a parameter segment. */
  pattern: string;
  handle: (context: RouteContext) => Reply;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/**
 * Finds the route for a request. When several patterns match the path, the
 * one with the most literal segments wins, so `configurations/bulk_update`
 * never reaches `configurations/{id}`. Throws 404 when no pattern matches
 * and 405, with an `allow` header, when the pattern has no such method.
 */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  pathname: string,
): RouteMatch {
  const segments = splitPath(pathname);
  let best: { pattern: string; params: Record<string, string> } | undefined;
  let bestLiterals = -1;
  for (const pattern of new Set(routes.map((r) => r.pattern))) {
    const params = matchPattern(pattern, segments);
    const literals = countLiterals(pattern);
    if (params !== undefined && literals > bestLiterals) {
      best = { pattern, params };
      bestLiterals = literals;
    }
  }
  if (best === undefined) {
    throw new HttpError(404, `no route for ${method} ${pathname}`);
  }

  const candidates = routes.filter((r) => r.pattern === best.pattern);
  const route = candidates.find((r) => r.method === method);
  if (route === undefined) {
    const allow = candidates.map((r) => r.method).join(", ");
    throw new HttpError(
      405,
      `method ${method} is not allowed for ${pathname}; allowed: ${allow}`,
      { allow },
    );
  }
  return { route, params: best.params };
}

/** Splits a path into decoded segments, ignoring one trailing slash. */
function splitPath(pathname: string): string[] {
  const trimmed =
    pathname.length > 1 && pathname.endsWith("/")
      ? pathname.slice(0, -1)
      : pathname;
  return trimmed.split("/").slice(1).map(decodeSegment);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A malformed escape cannot name any object, so the raw text is kept
    // and the lookup reports "not found".
    return segment;
  }
}

function matchPattern(
  pattern: string,
  segments: readonly string[],
): Record<string, string> | undefined {
  const parts = pattern.split("/").slice(1);
  if (parts.length !== segments.length) {
    return undefined;
  }
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] ?? "";
    if (part.startsWith("{") && part.endsWith("}")) {
      params[part.slice(1, -1)] = segment;
    } else if (part !== segment) {
      return undefined;
    }
  }
  return params;
}

function countLiterals(pattern: string): number {
  return pattern.split("/").filter((part) => !part.startsWith("{")).length;
}
