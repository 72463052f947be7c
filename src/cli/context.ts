import type { Output } from "./output.js";

/** The streams and environment a command runs with; the demo passes its own. */
export interface CliContext {
  output: Output;
  env: NodeJS.ProcessEnv;
  /** Whether stdin is a terminal a person can answer prompts on. */
  interactive: boolean;
}

/** Flags shared by every command that calls the API. */
export interface ApiArgs {
  apiUrl?: string | undefined;
  apiKeyFile?: string | undefined;
  timeout?: number | undefined;
  concurrency: number;
  maxRetries?: number | undefined;
  /** Seconds after the first attempt of a request when no retry starts. */
  maxRetryTime?: number | undefined;
  verbose?: boolean | undefined;
}
