import { UserError } from "../errors.js";

export interface ApiErrorDetails {
  method: string;
  /** The URL path of the request, such as `/v1/accounts`. Never the key. */
  path: string;
  /** The HTTP status, or undefined when no response arrived. */
  status?: number;
  /** The `error` text of the response body, when the API sent one. */
  apiMessage?: string;
  /** The `x-request-id` response header, for the vendor's support. */
  requestId?: string;
  hint?: string;
  cause?: unknown;
}

/**
 * A failed API call: an HTTP error status, a network failure, a timeout or a
 * response of an unexpected shape. The message names the method and path and
 * never contains the API key.
 */
export class ApiError extends UserError {
  override readonly name: string = "ApiError";
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly apiMessage: string | undefined;
  readonly requestId: string | undefined;

  constructor(summary: string, details: ApiErrorDetails) {
    super(formatApiErrorMessage(summary, details), {
      hint: details.hint,
      cause: details.cause,
    });
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.apiMessage = details.apiMessage;
    this.requestId = details.requestId;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

function formatApiErrorMessage(summary: string, details: ApiErrorDetails) {
  let message = `${details.method} ${details.path} ${summary}`;
  if (details.apiMessage) message += `: ${details.apiMessage}`;
  if (details.requestId) message += ` (request id ${details.requestId})`;
  return message;
}
