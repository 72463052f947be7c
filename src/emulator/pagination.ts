/** The `page` and `per_page` query parameters of list endpoints. */
import { HttpError } from "./http-error.js";

/**
 * Placement of the page information in list responses: a `meta` object, or
 * top-level keys beside `data`.
 */
export type PaginationShape = "meta" | "top-level";

export const DEFAULT_PER_PAGE = 50;
export const MAX_PER_PAGE = 100;

export interface PageRequest {
  page: number;
  perPage: number;
}

export interface PageInfo {
  total: number;
  page: number;
  per_page: number;
  total_pages: number;
}

/** Reads `page` and `per_page`; throws a 400 HttpError for a bad value. */
export function readPageRequest(query: URLSearchParams): PageRequest {
  const page = readPositiveInteger(query, "page", 1);
  const perPage = readPositiveInteger(query, "per_page", DEFAULT_PER_PAGE);
  if (page === undefined) {
    throw new HttpError(
      400,
      `page must be an integer of 1 or more, got ${JSON.stringify(query.get("page"))}`,
    );
  }
  if (perPage === undefined || perPage > MAX_PER_PAGE) {
    throw new HttpError(
      400,
      `per_page must be an integer from 1 to ${MAX_PER_PAGE}, got ${JSON.stringify(query.get("per_page"))}`,
    );
  }
  return { page, perPage };
}

/** Returns the parameter's value, its default when absent, or undefined. */
function readPositiveInteger(
  query: URLSearchParams,
  name: string,
  fallback: number,
): number | undefined {
  const text = query.get(name);
  if (text === null) {
    return fallback;
  }
  if (!/^\d+$/.test(text)) {
    return undefined;
  }
  const value = Number(text);
  return Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

/**
 * Cuts one page out of `items` and wraps it in the list response body. A
 * page past the end has empty data.
 */
export function paginate<T>(
  items: readonly T[],
  request: PageRequest,
  shape: PaginationShape,
): Record<string, unknown> {
  const start = (request.page - 1) * request.perPage;
  const data = items.slice(start, start + request.perPage);
  const info: PageInfo = {
    total: items.length,
    page: request.page,
    per_page: request.perPage,
    total_pages: Math.ceil(items.length / request.perPage),
  };
  return shape === "meta" ? { data, meta: info } : { data, ...info };
}
