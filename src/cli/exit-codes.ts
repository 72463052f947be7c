/** Process exit codes; part of the CLI's stable interface. */
export const ExitCode = {
  /** Success, and nothing to change. */
  Ok: 0,
  /** An error: bad input, a failed API call, a bug. */
  Error: 1,
  /** Success with changes (plan --detailed-exitcode) or drift (drift). */
  Changes: 2,
  /** Refused by a safety check: thresholds, weakening, a stale plan. */
  Refused: 3,
  /** Stopped by SIGINT (128 + the signal's number 2, as shells report it). */
  Interrupted: 130,
  /** Stopped by SIGTERM (128 + 15). */
  Terminated: 143,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
