import { isRecord } from "../util/record.js";
import { mapWithConcurrency } from "../util/pool.js";
import type { ApiClient, ApiResponse } from "./client.js";
import { ApiError } from "./errors.js";

/** The largest page size the API accepts. */
export const PAGE_SIZE = 100;

/** Upper bound on pages read from one list, against a server that loops. */
const MAX_PAGES = 10_000;

export interface ListOptions {
  /** Pages read at the same time once the page count is known. */
  concurrency?: number;
  searchParams?: Record<string, string>;
  /**
   * Called after each page with the pages read and the total, once the
   * first page tells it (undefined until then, or when the API never does).
   */
  onProgress?: (read: number, total: number | undefined) => void;
}

interface Page {
  items: unknown[];
  totalPages: number | undefined;
  total: number | undefined;
  nextLink: string | undefined;
}

/**
 * Reads every page of a list endpoint and returns all items in order.
 *
 * Where the API puts its pagination information is not documented, so each
 * known variant is handled: a `meta` or `pagination` object, top-level keys
 * beside `data`, a `Link` header with `rel="next"`, a bare array, or nothing
 * at all. With nothing, pages are read until one is empty, shorter than the
 * first, or a repeat of the one before.
 */
export async function listAll(
  client: ApiClient,
  path: string,
  options: ListOptions = {},
): Promise<unknown[]> {
  const read = (page: number) =>
    client.get(path, {
      ...options.searchParams,
      page,
      per_page: PAGE_SIZE,
    });
  const shown = client.displayPath(path);
  const first = parsePage(await read(1), shown);
  let pagesRead = 1;

  let items: unknown[];
  const totalPages = first.totalPages ?? pagesFromTotal(first);
  options.onProgress?.(pagesRead, totalPages);
  if (totalPages !== undefined) {
    const rest = range(2, Math.min(totalPages, MAX_PAGES));
    const pages = await mapWithConcurrency(
      rest,
      options.concurrency ?? 4,
      async (page) => {
        const items = parsePage(await read(page), shown).items;
        options.onProgress?.(++pagesRead, totalPages);
        return items;
      },
    );
    items = first.items.concat(...pages);
  } else if (first.nextLink !== undefined) {
    items = await followLinks(client, path, first);
  } else {
    items = await readUntilShortPage(first, (page) =>
      read(page).then((response) => parsePage(response, shown)),
    );
  }

  checkTotal(items, first.total, shown);
  return items;
}

function parsePage(response: ApiResponse, path: string): Page {
  const body = response.body;
  const nextLink = parseNextLink(response.headers.get("link"));
  if (Array.isArray(body)) {
    return { items: body, totalPages: 1, total: body.length, nextLink };
  }
  if (!isRecord(body) || !Array.isArray(body.data)) {
    throw new ApiError("returned a list without a `data` array", {
      method: "GET",
      path,
      status: response.status,
      requestId: response.headers.get("x-request-id") ?? undefined,
      hint: "check that --api-url points at the DryRun Simple API",
    });
  }

  const info = [body.meta, body.pagination, body].find(
    (candidate) => isRecord(candidate) && hasPaginationKeys(candidate),
  ) as Record<string, unknown> | undefined;
  return {
    items: body.data,
    totalPages: readCount(info, ["total_pages", "last_page", "pages"]),
    total: readCount(info, ["total", "total_count", "count"]),
    nextLink,
  };
}

function hasPaginationKeys(value: Record<string, unknown>): boolean {
  return ["total_pages", "last_page", "pages", "total", "total_count"].some(
    (key) => typeof value[key] === "number",
  );
}

function readCount(
  info: Record<string, unknown> | undefined,
  keys: string[],
): number | undefined {
  if (info === undefined) return undefined;
  for (const key of keys) {
    const value = info[key];
    if (typeof value === "number" && Number.isInteger(value) && value >= 0) {
      return value;
    }
  }
  return undefined;
}

function pagesFromTotal(page: Page): number | undefined {
  if (page.total === undefined) return undefined;
  if (page.total <= page.items.length) return 1;
  if (page.items.length === 0) return undefined;
  return Math.ceil(page.total / page.items.length);
}

/** Extracts the `rel="next"` target of an RFC 8288 Link header. */
function parseNextLink(header: string | null): string | undefined {
  if (header === null) return undefined;
  for (const part of header.split(",")) {
    const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (match && /\brel="?next"?/i.test(match[2] ?? "")) return match[1];
  }
  return undefined;
}

async function followLinks(
  client: ApiClient,
  path: string,
  first: Page,
): Promise<unknown[]> {
  const items = [...first.items];
  let link = first.nextLink;
  for (let count = 1; link !== undefined && count < MAX_PAGES; count++) {
    const relative = relativeToBase(client, link, path);
    const response = await client.request("GET", relative, {});
    const page = parsePage(response, client.displayPath(path));
    items.push(...page.items);
    link = page.nextLink;
  }
  return items;
}

/** Turns a `next` link into a path under the base URL, or rejects it. */
function relativeToBase(client: ApiClient, link: string, path: string): string {
  const target = new URL(link, `${client.baseUrl}/${path}`);
  const prefix = `${client.baseUrl}/`;
  if (!target.href.startsWith(prefix)) {
    throw new ApiError(`returned a next-page link outside the API`, {
      method: "GET",
      path: client.displayPath(path),
      apiMessage: target.origin + target.pathname,
      hint: "the link is not followed; report this to the API's vendor",
    });
  }
  return target.href.slice(prefix.length);
}

async function readUntilShortPage(
  first: Page,
  readPage: (page: number) => Promise<Page>,
): Promise<unknown[]> {
  const items = [...first.items];
  let previous = first;
  for (let number = 2; number <= MAX_PAGES; number++) {
    if (previous.items.length === 0) break;
    if (previous.items.length < first.items.length) break;
    const page = await readPage(number);
    if (samePage(page, previous)) break;
    items.push(...page.items);
    previous = page;
  }
  return items;
}

function samePage(a: Page, b: Page): boolean {
  return JSON.stringify(a.items) === JSON.stringify(b.items);
}

function checkTotal(items: unknown[], total: number | undefined, path: string) {
  if (total === undefined || items.length === total) return;
  throw new ApiError(
    `returned ${items.length} items across its pages, but reported a total of ${total}`,
    {
      method: "GET",
      path,
      hint: "the list changed while it was read; run the command again",
    },
  );
}

function range(from: number, to: number): number[] {
  const numbers: number[] = [];
  for (let number = from; number <= to; number++) numbers.push(number);
  return numbers;
}
