import { describe, expect, test } from "vitest";
import {
  ApiClient,
  ApiError,
  type RetryLogEntry,
} from "../../src/api/index.js";
import { sendJson, serve } from "../support/http-server.js";

const KEY = "dryrunsec_retry_test";

/** Answers the requests with the given statuses in turn, then 200. */
async function scripted(
  statuses: { status: number; headers?: Record<string, string> }[],
) {
  const seen: { method: string; at: number }[] = [];
  const url = await serve((request, _url, response) => {
    seen.push({ method: request.method ?? "", at: performance.now() });
    const next = statuses.shift();
    if (next === undefined) {
      sendJson(response, 200, { data: [] });
    } else {
      sendJson(
        response,
        next.status,
        { error: `scripted ${next.status}` },
        next.headers,
      );
    }
  });
  const retries: RetryLogEntry[] = [];
  const client = new ApiClient({
    baseUrl: url,
    apiKey: KEY,
    retry: { maxRetries: 3, maxRetryTimeMs: 30_000 },
    onRetry: (entry) => retries.push(entry),
  });
  return { client, seen, retries };
}

describe("retries", () => {
  test("GET retries server errors", async () => {
    const { client, seen, retries } = await scripted([
      { status: 503 },
      { status: 502 },
    ]);
    const response = await client.get("things");
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(3);
    expect(retries.map((entry) => [entry.retry, entry.reason])).toEqual([
      [1, "503 Service Unavailable"],
      [2, "502 Bad Gateway"],
    ]);
  });

  test("Retry-After in seconds is honoured", async () => {
    const { client, seen } = await scripted([
      { status: 429, headers: { "retry-after": "1" } },
    ]);
    await client.get("things");
    expect(seen).toHaveLength(2);
    const waited = (seen[1]?.at ?? 0) - (seen[0]?.at ?? 0);
    expect(waited).toBeGreaterThanOrEqual(950);
  });

  test("Retry-After as an HTTP date", async () => {
    const date = new Date(Date.now() + 2000).toUTCString();
    const { client, seen } = await scripted([
      { status: 503, headers: { "retry-after": date } },
    ]);
    await client.patch("things/1", { a: 1 });
    expect(seen.map((entry) => entry.method)).toEqual(["PATCH", "PATCH"]);
    const waited = (seen[1]?.at ?? 0) - (seen[0]?.at ?? 0);
    expect(waited).toBeGreaterThanOrEqual(900);
  });

  test("Retry-After on a 500 is honoured", async () => {
    const { client, seen } = await scripted([
      { status: 500, headers: { "retry-after": "1" } },
    ]);
    await client.get("things");
    expect(seen).toHaveLength(2);
    const waited = (seen[1]?.at ?? 0) - (seen[0]?.at ?? 0);
    expect(waited).toBeGreaterThanOrEqual(950);
  });

  test("unreadable Retry-After waits the backoff", async () => {
    const { client, seen } = await scripted([
      { status: 503, headers: { "retry-after": "soon" } },
    ]);
    await client.get("things");
    expect(seen).toHaveLength(2);
    // The first backoff is 0.5 s with jitter down to half of it.
    const waited = (seen[1]?.at ?? 0) - (seen[0]?.at ?? 0);
    expect(waited).toBeGreaterThanOrEqual(200);
    expect(waited).toBeLessThan(2000);
  });

  test("POST is not retried on a server error", async () => {
    const { client, seen } = await scripted([{ status: 500 }]);
    await expect(client.post("things", {})).rejects.toThrow(
      "POST /v1/things failed with 500 Internal Server Error: scripted 500",
    );
    expect(seen).toHaveLength(1);
  });

  test("POST is retried on 429", async () => {
    const { client, seen } = await scripted([
      { status: 429, headers: { "retry-after": "0" } },
    ]);
    const response = await client.post("things", {});
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(2);
  });

  test("client errors are not retried", async () => {
    const { client, seen } = await scripted([{ status: 422 }]);
    await expect(client.patch("things/1", {})).rejects.toBeInstanceOf(ApiError);
    expect(seen).toHaveLength(1);
  });

  test("gives up after the last retry", async () => {
    const { client, seen } = await scripted(
      Array.from({ length: 10 }, () => ({
        status: 503,
        headers: { "retry-after": "0" },
      })),
    );
    const error = await client.get("things").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe(
      "GET /v1/things failed with 503 Service Unavailable (after 4 attempts): scripted 503",
    );
    expect(seen).toHaveLength(4);
  });

  test("no retry starts after the time budget", async () => {
    const statuses = Array.from({ length: 10 }, () => ({
      status: 503,
      headers: { "retry-after": "1" },
    }));
    const seen: number[] = [];
    const url = await serve((_request, _url, response) => {
      seen.push(performance.now());
      const next = statuses.shift();
      sendJson(response, next?.status ?? 200, {}, next?.headers);
    });
    const client = new ApiClient({
      baseUrl: url,
      apiKey: KEY,
      retry: { maxRetries: 10, maxRetryTimeMs: 1500 },
    });
    await expect(client.get("things")).rejects.toBeInstanceOf(ApiError);
    expect(seen.length).toBe(2);
  });
});
