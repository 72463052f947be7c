import type { Argv } from "yargs";
import { DEFAULT_RETRY_POLICY } from "../api/retry-policy.js";
import { DEFAULT_CONCURRENCY } from "../state/concurrency.js";
import { UsageError } from "./usage-error.js";

/** Adds the positional config directory of validate, plan and drift. */
export function withDirectory<T>(argv: Argv<T>) {
  return argv.positional("dir", {
    describe: "Folder of config files (*.yaml, *.yml)",
    type: "string",
    default: ".",
  });
}

/** Adds the options of every command that calls the API. */
export function withApiOptions<T>(argv: Argv<T>) {
  return argv
    .option("api-url", {
      requiresArg: true,
      describe: "API base URL [env: DRYRUN_API_URL]",
      type: "string",
      defaultDescription: "https://simple-api.dryrun.security/v1",
    })
    .option("api-key-file", {
      requiresArg: true,
      describe:
        "File that contains the API key; without it, DRYRUN_API_KEY is read",
      type: "string",
      normalize: true,
    })
    .option("concurrency", {
      requiresArg: true,
      describe: "Requests in flight at once while reading",
      type: "number",
      default: DEFAULT_CONCURRENCY,
    })
    .option("timeout", {
      requiresArg: true,
      describe: "Timeout of each request, in seconds",
      type: "number",
      default: 30,
    })
    .option("verbose", {
      describe: "Log every API request on stderr, without headers",
      type: "boolean",
      default: false,
    })
    .option("max-retries", {
      requiresArg: true,
      describe: "Retries of a failed request [env: DRYRUN_MAX_RETRIES]",
      type: "number",
      default: numberFromEnv(
        "DRYRUN_MAX_RETRIES",
        DEFAULT_RETRY_POLICY.maxRetries,
      ),
    })
    .option("max-retry-time", {
      requiresArg: true,
      describe:
        "Seconds after which a request is not retried [env: DRYRUN_MAX_RETRY_TIME]",
      type: "number",
      default: numberFromEnv(
        "DRYRUN_MAX_RETRY_TIME",
        DEFAULT_RETRY_POLICY.maxRetryTimeMs / 1000,
      ),
    })
    .check((argv) => {
      checkWholeNumber("--concurrency", argv.concurrency as number, 1, 64);
      checkEnvNumber("DRYRUN_MAX_RETRIES", 0, 20);
      checkEnvNumber("DRYRUN_MAX_RETRY_TIME", 0, 3600);
      checkWholeNumber("--max-retries", argv.maxRetries as number, 0, 20);
      checkWholeNumber(
        "--max-retry-time",
        argv.maxRetryTime as number,
        0,
        3600,
      );
      const timeout = argv.timeout as number;
      if (!(timeout > 0 && timeout <= 3600)) {
        throw new UsageError(
          `--timeout must be more than 0 and at most 3600 seconds, got ${shownNumber(timeout)}`,
        );
      }
      return true;
    });
}

/** Adds --target and --exclude, which narrow a plan to some configurations. */
export function withSelection<T>(argv: Argv<T>) {
  return argv
    .option("target", {
      describe: "Plan only this configuration (repeatable)",
      type: "string",
      array: true,
      requiresArg: true,
    })
    .option("exclude", {
      describe: "Leave this configuration out (repeatable)",
      type: "string",
      array: true,
      requiresArg: true,
    });
}

/**
 * Reads a number default from the environment. A value that is not a
 * number is passed on as is, so that the option check names it.
 */
function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  return Number(raw);
}

/** Names the environment variable when its value is not a whole number. */
function checkEnvNumber(name: string, min: number, max: number): void {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(
      `${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`,
    );
  }
}

export function checkWholeNumber(
  flag: string,
  value: number,
  min: number,
  max: number,
): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(
      `${flag} must be a whole number from ${min} to ${max}, got ${shownNumber(value)}`,
    );
  }
}

/** Shows a parsed number; yargs turns text that is not a number into NaN. */
function shownNumber(value: number): string {
  return Number.isNaN(value) ? "a value that is not a number" : String(value);
}
