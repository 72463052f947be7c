import { isHTTPError, type AfterResponseHook, type RetryOptions } from "ky";
import type { RetryPolicy } from "./retry-policy.js";

/** Statuses that mean "try again later": timeouts, rate limits, outages. */
export const RETRYABLE_STATUSES = [408, 429, 500, 502, 503, 504];

/** The longest wait between two attempts, Retry-After aside. */
const MAX_BACKOFF_MS = 30_000;

/**
 * Builds ky's retry options for one request. GET, PUT, PATCH and DELETE are
 * retried on network errors, timeouts and RETRYABLE_STATUSES, with
 * exponential backoff from 0.5 s and jitter of up to half the delay, and
 * with the server's Retry-After (seconds or an HTTP date) where it sends
 * one. A POST may have created something before it failed, so it is
 * retried only on 429 or when the connection was refused before anything
 * was sent. A retry whose wait would end more than `maxRetryTimeMs` after
 * `startedAt` (a `performance.now()` time) is not made.
 */
export function retryOptions(
  method: string,
  policy: RetryPolicy,
  startedAt: number,
): RetryOptions {
  return {
    limit: policy.maxRetries,
    methods: ["get", "put", "patch", "delete", "post"],
    statusCodes: RETRYABLE_STATUSES,
    afterStatusCodes: RETRYABLE_STATUSES,
    maxRetryAfter: policy.maxRetryTimeMs,
    backoffLimit: MAX_BACKOFF_MS,
    delay: backoff,
    jitter: (delay) => delay * (0.5 + Math.random() * 0.5),
    retryOnTimeout: true,
    shouldRetry: ({ error, retryCount }) => {
      const wait = retryAfterMs(error) ?? backoff(retryCount);
      const elapsed = performance.now() - startedAt;
      if (elapsed + wait > policy.maxRetryTimeMs) return false;
      if (method !== "POST") return undefined;
      if (isHTTPError(error)) {
        return error.response.status === 429 ? undefined : false;
      }
      return isConnectionRefused(error) ? undefined : false;
    },
  };
}

/** The wait before retry `attempt` (from 1), before jitter. */
function backoff(attempt: number): number {
  return Math.min(500 * 2 ** (attempt - 1), MAX_BACKOFF_MS);
}

/** Reads a Retry-After header in seconds or as an HTTP date. */
function retryAfterMs(error: Error): number | undefined {
  if (!isHTTPError(error)) return undefined;
  return parseRetryAfter(error.response.headers.get("retry-after"));
}

function parseRetryAfter(header: string | null): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const seconds = Number(header);
  if (!Number.isNaN(seconds)) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * Removes a Retry-After header that is neither seconds nor an HTTP date, so
 * that the retry waits the usual backoff. ky would otherwise wait the
 * longest time it allows, the whole retry time.
 */
export const dropUnreadableRetryAfter: AfterResponseHook = (
  _request,
  _options,
  response,
) => {
  const header = response.headers.get("retry-after");
  if (header === null || parseRetryAfter(header) !== undefined) return;
  const headers = new Headers(response.headers);
  headers.delete("retry-after");
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
};

/** Whether a fetch failed because nothing accepted the connection. */
export function isConnectionRefused(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  return (
    typeof cause === "object" &&
    cause !== null &&
    (cause as { code?: unknown }).code === "ECONNREFUSED"
  );
}
