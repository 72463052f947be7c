import { readFile, stat } from "node:fs/promises";
import {
  ApiClient,
  DEFAULT_API_URL,
  DEFAULT_RETRY_POLICY,
  parseBaseUrl,
  type RequestLogEntry,
} from "../api/index.js";
import { UserError } from "../errors.js";
import type { Output } from "./output.js";

export interface ConnectionOptions {
  apiUrl?: string | undefined;
  apiKeyFile?: string | undefined;
  /** Per-request timeout in seconds. */
  timeout?: number | undefined;
  maxRetries?: number | undefined;
  /** Seconds after the first attempt of a request when no retry starts. */
  maxRetryTime?: number | undefined;
  /** Logs every request: method, path, status, duration, request id. */
  verbose?: boolean | undefined;
}

/**
 * Builds the API client from flags and environment: the base URL from
 * `--api-url`, `DRYRUN_API_URL` or the default, and the key from
 * `--api-key-file` or `DRYRUN_API_KEY`. The key is registered with the
 * output for redaction before anything else can print it.
 */
export async function connect(
  options: ConnectionOptions,
  env: NodeJS.ProcessEnv,
  output: Output,
): Promise<ApiClient> {
  const apiKey = await readApiKey(options, env, output);
  output.addSecret(apiKey);

  const baseUrl =
    options.apiUrl !== undefined
      ? parseBaseUrl(options.apiUrl, "--api-url")
      : env.DRYRUN_API_URL !== undefined
        ? parseBaseUrl(env.DRYRUN_API_URL, "DRYRUN_API_URL")
        : DEFAULT_API_URL;
  return new ApiClient({
    baseUrl,
    apiKey,
    ...(options.timeout ? { timeoutMs: options.timeout * 1000 } : {}),
    retry: {
      maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
      maxRetryTimeMs:
        options.maxRetryTime === undefined
          ? DEFAULT_RETRY_POLICY.maxRetryTimeMs
          : options.maxRetryTime * 1000,
    },
    ...(options.verbose
      ? {
          // --verbose requests these lines, so --quiet does not hide them.
          onRequest: (entry: RequestLogEntry) =>
            output.detail(
              `${entry.method} ${entry.path} ${entry.status ?? "no response"} ${entry.durationMs} ms${entry.requestId ? ` request id ${entry.requestId}` : ""}`,
            ),
        }
      : {}),
    onRetry: (entry) =>
      output.info(
        `Retrying ${entry.method} ${entry.path} after ${entry.reason} (retry ${entry.retry} of ${entry.maxRetries})`,
      ),
  });
}

/**
 * Rejects a key that cannot go into an HTTP header: one with spaces, line
 * breaks or characters outside printable ASCII. The message never shows
 * the key.
 */
function checkKey(key: string, source: string): string {
  if (!/^[\x21-\x7e]+$/.test(key)) {
    throw new UserError(
      `the API key in ${source} contains spaces, line breaks or non-ASCII characters`,
      {
        hint: "write only the key, one word of printable ASCII such as dryrunsec_...",
      },
    );
  }
  return key;
}

async function readApiKey(
  options: ConnectionOptions,
  env: NodeJS.ProcessEnv,
  output: Output,
): Promise<string> {
  if (options.apiKeyFile !== undefined) {
    let text: string;
    try {
      const info = await stat(options.apiKeyFile);
      if (!info.isFile()) {
        throw new UserError(
          `the API key file ${options.apiKeyFile} is not a file`,
          { hint: "pass the file that contains the API key" },
        );
      }
      if ((info.mode & 0o077) !== 0) {
        const mode = (info.mode & 0o777).toString(8).padStart(3, "0");
        output.warning(
          `the API key file ${options.apiKeyFile} can be read by other users (mode ${mode}); run chmod 600 ${options.apiKeyFile}`,
        );
      }
      text = await readFile(options.apiKeyFile, "utf8");
    } catch (error) {
      if (error instanceof UserError) throw error;
      const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
      throw new UserError(
        `cannot read the API key file ${options.apiKeyFile} (${code})`,
        { hint: "pass a file that contains the API key on one line" },
      );
    }
    const key = text.trim();
    if (key === "") {
      throw new UserError(`the API key file ${options.apiKeyFile} is empty`, {
        hint: "write the API key into the file",
      });
    }
    return checkKey(key, `the API key file ${options.apiKeyFile}`);
  }

  const raw = env.DRYRUN_API_KEY;
  if (raw === undefined) {
    throw new UserError("no API key: DRYRUN_API_KEY is not set", {
      hint: "set DRYRUN_API_KEY, or pass --api-key-file FILE",
    });
  }
  const key = raw.trim();
  if (key === "") {
    throw new UserError("no API key: DRYRUN_API_KEY is empty", {
      hint: "set DRYRUN_API_KEY to the key, or pass --api-key-file FILE",
    });
  }
  return checkKey(key, "DRYRUN_API_KEY");
}
