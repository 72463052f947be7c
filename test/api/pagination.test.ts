import { describe, expect, test } from "vitest";
import { ApiClient, ApiError, listAll } from "../../src/api/index.js";
import { sendJson, serve } from "../support/http-server.js";

const ITEMS = Array.from({ length: 250 }, (_, index) => ({
  id: `item-${index}`,
}));

/** Serves ITEMS in pages, shaped by `shape`, and records the pages read. */
async function pagedServer(
  shape: (
    page: number,
    perPage: number,
    items: unknown[],
  ) => {
    body: unknown;
    headers?: Record<string, string>;
  },
) {
  const pages: number[] = [];
  const url = await serve((_request, requestUrl, response) => {
    const page = Number(requestUrl.searchParams.get("page") ?? "1");
    const perPage = Number(requestUrl.searchParams.get("per_page") ?? "50");
    pages.push(page);
    const items = ITEMS.slice((page - 1) * perPage, page * perPage);
    const { body, headers } = shape(page, perPage, items);
    sendJson(response, 200, body, headers);
  });
  const client = new ApiClient({ baseUrl: url, apiKey: "dryrunsec_test" });
  return { client, pages };
}

function nextLink(page: number): Record<string, string> {
  if (page >= 3) return {};
  return { link: `</v1/things?page=${page + 1}&per_page=100>; rel="next"` };
}

const totals = (perPage: number) => ({
  total: ITEMS.length,
  per_page: perPage,
  total_pages: Math.ceil(ITEMS.length / perPage),
});

describe("listAll", () => {
  test("meta object", async () => {
    const { client, pages } = await pagedServer((page, perPage, items) => ({
      body: { data: items, meta: { page, ...totals(perPage) } },
    }));
    expect(await listAll(client, "things")).toEqual(ITEMS);
    expect(pages.sort()).toEqual([1, 2, 3]);
  });

  test("pagination object", async () => {
    const { client } = await pagedServer((page, perPage, items) => ({
      body: { data: items, pagination: { page, ...totals(perPage) } },
    }));
    expect(await listAll(client, "things")).toEqual(ITEMS);
  });

  test("top-level keys", async () => {
    const { client } = await pagedServer((page, perPage, items) => ({
      body: { data: items, page, ...totals(perPage) },
    }));
    expect(await listAll(client, "things")).toEqual(ITEMS);
  });

  test("total without page count", async () => {
    const { client, pages } = await pagedServer((_page, _perPage, items) => ({
      body: { data: items, meta: { total_count: ITEMS.length } },
    }));
    expect(await listAll(client, "things")).toEqual(ITEMS);
    expect(pages.sort()).toEqual([1, 2, 3]);
  });

  test("link header", async () => {
    const { client, pages } = await pagedServer((page, _perPage, items) => ({
      body: { data: items },
      headers: nextLink(page),
    }));
    expect(await listAll(client, "things")).toEqual(ITEMS);
    expect(pages).toEqual([1, 2, 3]);
  });

  test("no information reads until a short page", async () => {
    const { client, pages } = await pagedServer((_page, _perPage, items) => ({
      body: { data: items },
    }));
    expect(await listAll(client, "things")).toEqual(ITEMS);
    expect(pages).toEqual([1, 2, 3]);
  });

  test("no information stops at a repeated page", async () => {
    const { client, pages } = await pagedServer(() => ({
      body: { data: ITEMS.slice(0, 100) },
    }));
    expect(await listAll(client, "things")).toEqual(ITEMS.slice(0, 100));
    expect(pages).toEqual([1, 2]);
  });

  test("bare array", async () => {
    const { client, pages } = await pagedServer(() => ({ body: ITEMS }));
    expect(await listAll(client, "things")).toEqual(ITEMS);
    expect(pages).toEqual([1]);
  });

  test("total that does not match", async () => {
    const { client } = await pagedServer((page, perPage, items) => ({
      body: { data: items.slice(1), meta: { page, ...totals(perPage) } },
    }));
    const error = await listAll(client, "things").catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe(
      "GET /v1/things returned 247 items across its pages, but reported a total of 250",
    );
    expect(error.hint).toBe(
      "the list changed while it was read; run the command again",
    );
  });

  test("body without data", async () => {
    const { client } = await pagedServer(() => ({ body: { items: [] } }));
    const error = await listAll(client, "things").catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe(
      "GET /v1/things returned a list without a `data` array",
    );
  });

  test("link to another origin", async () => {
    const { client } = await pagedServer((_page, _perPage, items) => ({
      body: { data: items },
      headers: { link: `<http://127.0.0.2:9/v1/things?page=2>; rel="next"` },
    }));
    const error = await listAll(client, "things").catch((caught) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe(
      "GET /v1/things returned a next-page link outside the API: http://127.0.0.2:9/v1/things",
    );
  });
});
