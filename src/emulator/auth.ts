/** Bearer-key authentication against the API keys of the state. */
import { createHash, timingSafeEqual } from "node:crypto";
import { HttpError } from "./http-error.js";
import type { ApiKeySeed } from "./seed.js";

const CHALLENGE = { "www-authenticate": "Bearer" };

/**
 * Returns the ids of the accounts that the request's key may use. Throws a
 * 401 HttpError when the Authorization header is missing, is not a Bearer
 * header, or carries an unknown key.
 *
 * Keys are compared as SHA-256 digests with timingSafeEqual, so every
 * comparison takes the same time whatever the key's length, and every seed
 * key is compared even after a match.
 */
export function authorize(
  header: string | undefined,
  apiKeys: readonly ApiKeySeed[],
): ReadonlySet<string> {
  if (header === undefined || header.trim() === "") {
    throw new HttpError(
      401,
      "missing API key; send the header Authorization: Bearer <key>",
      CHALLENGE,
    );
  }
  const match = /^Bearer +(\S+) *$/i.exec(header);
  if (match?.[1] === undefined) {
    throw new HttpError(
      401,
      "the Authorization header must have the form Bearer <key>",
      CHALLENGE,
    );
  }

  const digest = sha256(match[1]);
  const accounts = new Set<string>();
  let found = false;
  for (const apiKey of apiKeys) {
    if (timingSafeEqual(digest, sha256(apiKey.key))) {
      found = true;
      apiKey.accounts.forEach((id) => accounts.add(id));
    }
  }
  if (!found) {
    throw new HttpError(401, "invalid API key", CHALLENGE);
  }
  return accounts;
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}
