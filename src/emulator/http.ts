/** Reading request bodies and writing JSON responses with node:http. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError } from "./http-error.js";

/** Largest request body the emulator accepts: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** What a route handler returns; `body` undefined sends no body. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Readonly<Record<string, string>>;
}

/** A request body as received, cut off after MAX_BODY_BYTES. */
export interface RawBody {
  bytes: Buffer;
  tooLarge: boolean;
}

/**
 * Reads the whole request body. Bytes past MAX_BODY_BYTES are read and
 * dropped rather than left unread, so the client can still receive the 413
 * response on the same connection.
 */
export async function readRawBody(request: IncomingMessage): Promise<RawBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) {
      tooLarge = true;
      chunks.length = 0;
    } else {
      chunks.push(buffer);
    }
  }
  return { bytes: Buffer.concat(chunks), tooLarge };
}

/** A parsed body, or the error to send if a route needs the body. */
export type ParsedBody =
  | { value: unknown; error?: undefined }
  | { value?: undefined; error: HttpError };

/**
 * Parses a JSON request body; an empty body parses to undefined. A body over
 * MAX_BODY_BYTES yields a 413 error and malformed JSON a 400 error.
 */
export function parseJsonBody(raw: RawBody): ParsedBody {
  if (raw.tooLarge) {
    const message = `request body is larger than ${MAX_BODY_BYTES} bytes (1 MiB); send a smaller body`;
    return { error: new HttpError(413, message) };
  }
  if (raw.bytes.length === 0) {
    return { value: undefined };
  }
  let value: unknown;
  try {
    value = JSON.parse(raw.bytes.toString("utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const message = `request body is not valid JSON: ${reason}`;
    return { error: new HttpError(400, message) };
  }
  if (nestedDeeperThan(value, MAX_BODY_DEPTH)) {
    const message = `request body is nested more than ${MAX_BODY_DEPTH} levels deep; send a flatter body`;
    return { error: new HttpError(400, message) };
  }
  return { value };
}

/**
 * Bodies nested deeper than this are rejected: a stored value nested
 * thousands of levels deep would overflow the stack when a later response
 * serializes it.
 */
export const MAX_BODY_DEPTH = 64;

/** Tells whether arrays and objects nest deeper than `limit`, without recursion. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== "object" || next.value === null) continue;
    if (next.depth >= limit) return true;
    for (const child of Object.values(next.value)) {
      pending.push({ value: child, depth: next.depth + 1 });
    }
  }
  return false;
}

/**
 * Sends a reply with the request id. `text` is the body already serialized,
 * when the caller has it, so that it is not serialized twice.
 */
export function sendReply(
  response: ServerResponse,
  reply: Reply,
  requestId: string,
  text: string | undefined = reply.body === undefined
    ? undefined
    : JSON.stringify(reply.body),
): void {
  const headers: Record<string, string> = {
    ...reply.headers,
    "x-request-id": requestId,
  };
  if (text === undefined) {
    response.writeHead(reply.status, headers);
    response.end();
    return;
  }

  headers["content-type"] = "application/json";
  headers["content-length"] = String(Buffer.byteLength(text));
  response.writeHead(reply.status, headers);
  response.end(text);
}

export function errorReply(error: HttpError): Reply {
  return {
    status: error.status,
    body: { error: error.message },
    headers: error.headers,
  };
}
