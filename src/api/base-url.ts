import { isIPv4 } from "node:net";
import { UserError } from "../errors.js";
import { isBadPort } from "../util/bad-ports.js";

export const DEFAULT_API_URL = "https://simple-api.dryrun.security/v1";

/**
 * Checks an API base URL and returns it normalized, without a trailing slash.
 * `https:` is required except for loopback hosts, where the emulator runs on
 * plain `http:`. Credentials, a query or a fragment are rejected because they
 * would leak into logs or change every request. A URL with no path gets
 * `/v1`, the API's version prefix.
 */
export function parseBaseUrl(raw: string, source: string): string {
  if (raw.trim() === "") {
    throw new UserError(`the API URL from ${source} is empty`, {
      hint: `set it to a URL such as ${DEFAULT_API_URL}, or unset it to use that one`,
    });
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserError(`invalid API URL ${quote(raw)} from ${source}`, {
      hint: `write a full URL such as ${DEFAULT_API_URL}`,
    });
  }

  const shown = redactCredentials(url);
  if (url.username || url.password) {
    throw new UserError(
      `the API URL ${shown} from ${source} contains credentials`,
      { hint: "remove them; pass the key in DRYRUN_API_KEY or --api-key-file" },
    );
  }
  if (url.search || url.hash) {
    throw new UserError(
      `the API URL ${shown} from ${source} has a query or fragment`,
      { hint: `remove everything from "?" or "#" on` },
    );
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    throw new UserError(`the API URL ${shown} from ${source} uses plain http`, {
      hint: "use https; plain http is allowed only for loopback addresses",
    });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new UserError(
      `the API URL ${shown} from ${source} is not an http(s) URL`,
      { hint: `write a URL such as ${DEFAULT_API_URL}` },
    );
  }

  if (url.port !== "" && isBadPort(Number(url.port))) {
    throw new UserError(
      `the API URL ${shown} from ${source} uses port ${url.port}, which fetch refuses to connect to`,
      { hint: "use another port; the Fetch standard blocks this one" },
    );
  }

  const path = url.pathname.replace(/\/+$/, "");
  return `${url.origin}${path === "" ? "/v1" : path}`;
}

/** Tells whether a URL host name is localhost, in 127.0.0.0/8, or ::1. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host === "::1") return true;
  return isIPv4(host) && host.startsWith("127.");
}

function redactCredentials(url: URL): string {
  if (!url.username && !url.password) return quote(url.href);
  const copy = new URL(url.href);
  copy.username = "REDACTED";
  copy.password = "";
  return quote(copy.href);
}

function quote(value: string): string {
  return JSON.stringify(value);
}
