/** How hard the client tries before it reports a failure. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Time from the first attempt after which no retry starts. */
  maxRetryTimeMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 4,
  maxRetryTimeMs: 120_000,
};
