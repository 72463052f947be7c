import { createHmac } from "node:crypto";
import ky, { HTTPError, TimeoutError, type KyInstance } from "ky";
import { isRecord } from "../util/record.js";
import { ApiError } from "./errors.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.js";
import {
  dropUnreadableRetryAfter,
  isConnectionRefused,
  retryOptions,
} from "./retry.js";

export interface ApiClientOptions {
  /** A base URL already checked by `parseBaseUrl`. */
  baseUrl: string;
  apiKey: string;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number;
  /** Retries of failed requests; DEFAULT_RETRY_POLICY when omitted. */
  retry?: RetryPolicy;
  /** Called once per HTTP response or failure; never receives headers. */
  onRequest?: (entry: RequestLogEntry) => void;
  /** Called before each retry, for the log. */
  onRetry?: (entry: RetryLogEntry) => void;
}

export interface RetryLogEntry {
  method: string;
  path: string;
  /** The retry about to start: 1 for the second attempt. */
  retry: number;
  maxRetries: number;
  /** The failure: `503 Service Unavailable`, `ECONNRESET`, `timeout`. */
  reason: string;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  status: number | undefined;
  durationMs: number;
  requestId: string | undefined;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or undefined for an empty body. */
  body: unknown;
}

export type SearchParams = Record<string, string | number>;

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The one HTTP client of the tool, built on ky: bearer authentication, JSON
 * bodies, a timeout, no redirects, and every failure turned into an ApiError
 * that names method, path, status, the API's error text and the request id.
 */
export class ApiClient {
  readonly baseUrl: string;
  readonly #http: KyInstance;
  readonly #basePath: string;
  readonly #timeoutMs: number;
  readonly #onRequest: ((entry: RequestLogEntry) => void) | undefined;
  readonly #onRetry: ((entry: RetryLogEntry) => void) | undefined;
  readonly #retry: RetryPolicy;
  readonly #apiKey: string;

  constructor(options: ApiClientOptions) {
    this.baseUrl = options.baseUrl;
    this.#basePath = new URL(options.baseUrl).pathname.replace(/\/$/, "");
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#onRequest = options.onRequest;
    this.#onRetry = options.onRetry;
    this.#retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.#apiKey = options.apiKey;
    this.#http = ky.create({
      prefixUrl: options.baseUrl,
      headers: {
        authorization: `Bearer ${options.apiKey}`,
        accept: "application/json",
      },
      timeout: this.#timeoutMs,
      redirect: "manual",
    });
  }

  /**
   * Signs text with HMAC-SHA256 keyed by the API key, for saved plans: only
   * someone with the key can make a signature that apply accepts. The key
   * cannot be recovered from the signature.
   */
  sign(text: string): string {
    return createHmac("sha256", this.#apiKey).update(text).digest("hex");
  }

  /** Returns the URL path shown in messages for a request `path`. */
  displayPath(path: string): string {
    return `${this.#basePath}/${path.split("?")[0]}`;
  }

  get(path: string, searchParams?: SearchParams): Promise<ApiResponse> {
    return this.request("GET", path, { searchParams });
  }

  post(path: string, json: unknown): Promise<ApiResponse> {
    return this.request("POST", path, { json });
  }

  patch(path: string, json: unknown): Promise<ApiResponse> {
    return this.request("PATCH", path, { json });
  }

  delete(path: string): Promise<ApiResponse> {
    return this.request("DELETE", path, {});
  }

  /** Sends one request to `path`, relative to the base URL. */
  async request(
    method: string,
    path: string,
    options: { searchParams?: SearchParams | undefined; json?: unknown },
  ): Promise<ApiResponse> {
    const shownPath = this.displayPath(path);
    const started = performance.now();
    let attempts = 1;
    let response: Response;
    try {
      response = await this.#http(path, {
        method,
        searchParams: options.searchParams,
        json: options.json,
        retry: retryOptions(method, this.#retry, started),
        hooks: {
          afterResponse: [dropUnreadableRetryAfter],
          beforeRetry: [
            ({ error, retryCount }) => {
              attempts = retryCount + 1;
              this.#onRetry?.({
                method,
                path: shownPath,
                retry: retryCount,
                maxRetries: this.#retry.maxRetries,
                reason: describeFailure(error),
              });
            },
          ],
        },
      });
    } catch (error) {
      const failure = await this.#toApiError(
        error,
        method,
        shownPath,
        attempts,
      );
      this.#log(method, shownPath, failure.status, started, failure.requestId);
      throw failure;
    }

    const requestId = response.headers.get("x-request-id") ?? undefined;
    this.#log(method, shownPath, response.status, started, requestId);
    const body = await readJsonBody(response, method, shownPath, requestId);
    return { status: response.status, headers: response.headers, body };
  }

  #log(
    method: string,
    path: string,
    status: number | undefined,
    started: number,
    requestId: string | undefined,
  ): void {
    const durationMs = Math.round(performance.now() - started);
    this.#onRequest?.({ method, path, status, durationMs, requestId });
  }

  async #toApiError(
    error: unknown,
    method: string,
    path: string,
    attempts: number,
  ): Promise<ApiError> {
    const tries = attempts > 1 ? ` (after ${attempts} attempts)` : "";
    if (error instanceof HTTPError) {
      return httpErrorToApiError(error.response, method, path, tries);
    }
    if (error instanceof TimeoutError) {
      return new ApiError(`timed out after ${this.#timeoutMs} ms${tries}`, {
        method,
        path,
        hint: "check that the API is reachable, or raise --timeout (seconds)",
      });
    }
    return networkErrorToApiError(error, method, path, this.baseUrl, tries);
  }
}

/** Response bodies larger than this are refused unread. */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

async function readJsonBody(
  response: Response,
  method: string,
  path: string,
  requestId: string | undefined,
): Promise<unknown> {
  const text = await readLimited(response, method, path, requestId);
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(`returned a body that is not JSON`, {
      method,
      path,
      status: response.status,
      requestId,
      apiMessage: excerpt(text),
      hint: "check that --api-url points at the DryRun Simple API",
    });
  }
}

/**
 * Reads a body as text, refusing one over MAX_RESPONSE_BYTES, whether the
 * server announces its length or streams it.
 */
async function readLimited(
  response: Response,
  method: string,
  path: string,
  requestId: string | undefined,
): Promise<string> {
  const tooLarge = () =>
    new ApiError(
      `returned a body over ${MAX_RESPONSE_BYTES / 1024 / 1024} MiB`,
      {
        method,
        path,
        status: response.status,
        requestId,
        hint: "check that --api-url points at the DryRun Simple API",
      },
    );
  const announced = Number(response.headers.get("content-length") ?? "0");
  if (announced > MAX_RESPONSE_BYTES) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (response.body === null) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function httpErrorToApiError(
  response: Response,
  method: string,
  path: string,
  tries: string,
): Promise<ApiError> {
  const status = response.status;
  const requestId = response.headers.get("x-request-id") ?? undefined;
  if (status >= 300 && status < 400) {
    const location = response.headers.get("location") ?? "nowhere";
    return new ApiError(`was redirected (${status}) to ${location}`, {
      method,
      path,
      status,
      requestId,
      hint: "redirects are not followed; set --api-url to the final address",
    });
  }

  const apiMessage = await readErrorText(response);
  const summary =
    `failed with ${status} ${response.statusText}`.trimEnd() + tries;
  const retryAfter = response.headers.get("retry-after");
  return new ApiError(summary, {
    method,
    path,
    status,
    apiMessage,
    requestId,
    hint: retryAfter
      ? `the API asked to wait ${/^\d+$/.test(retryAfter) ? `${retryAfter} s` : `until ${retryAfter}`}; raise --max-retry-time (seconds) to wait that long`
      : hintForStatus(status),
  });
}

async function readErrorText(response: Response): Promise<string | undefined> {
  let text: string;
  try {
    text = await readLimited(response, "", "", undefined);
  } catch {
    // A body that cannot be read, or is too large, leaves the status alone.
    return undefined;
  }
  try {
    const body = JSON.parse(text) as unknown;
    if (isRecord(body) && typeof body.error === "string") return body.error;
  } catch {
    // A non-JSON error body (a proxy's HTML page, say) is shown as an excerpt.
  }
  return text.trim() === "" ? undefined : excerpt(text);
}

function hintForStatus(status: number): string | undefined {
  if (status === 401) {
    return "check the API key in DRYRUN_API_KEY or --api-key-file";
  }
  if (status === 403) {
    return "the API key lacks access; create a key scoped to this account";
  }
  if (status === 429) return "the API is rate limiting requests; retry later";
  if (status >= 500) return "the API failed; retry later";
  return undefined;
}

function networkErrorToApiError(
  error: unknown,
  method: string,
  path: string,
  baseUrl: string,
  tries: string,
): ApiError {
  const cause = error instanceof Error ? error.cause : undefined;
  const code =
    isRecord(cause) && typeof cause.code === "string" ? cause.code : undefined;
  const causeMessage = cause instanceof Error ? cause.message : undefined;
  const reason =
    code ??
    causeMessage ??
    (error instanceof Error ? error.message : "unknown");
  const connectionRefused = isConnectionRefused(error);
  const failure = connectionRefused
    ? `cannot connect to ${baseUrl}`
    : `no response from ${baseUrl}`;
  // A write that lost its response may have been applied all the same.
  const hint =
    connectionRefused || method === "GET"
      ? "check --api-url or DRYRUN_API_URL and that the API is running"
      : "the API may have applied the request before the connection closed; run plan to see what remains";
  return new ApiError(`failed: ${failure} (${reason})${tries}`, {
    method,
    path,
    hint,
  });
}

/** Plain words for the network error codes of Node.js and undici. */
const NETWORK_FAILURES: Record<string, string> = {
  UND_ERR_SOCKET: "the connection closed without a response",
  ECONNRESET: "the connection was reset",
  ECONNREFUSED: "the connection was refused",
  EPIPE: "the connection closed while sending",
  ETIMEDOUT: "the connection timed out",
  ENOTFOUND: "the host name was not found",
  EAI_AGAIN: "the host name could not be resolved",
};

/** Names a failed attempt for the retry log. */
function describeFailure(error: Error): string {
  if (error instanceof HTTPError) {
    return `${error.response.status} ${error.response.statusText}`.trimEnd();
  }
  if (error instanceof TimeoutError) return "no response within the timeout";
  const cause = error.cause;
  const code =
    isRecord(cause) && typeof cause.code === "string" ? cause.code : undefined;
  if (code === undefined) return error.message;
  return NETWORK_FAILURES[code] ? `${NETWORK_FAILURES[code]} (${code})` : code;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
}
