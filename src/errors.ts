/**
 * An error caused by the user's input or environment rather than by a bug:
 * bad files, bad flags, a rejected key, an unreachable API. The CLI prints
 * its message on one line and exits with status 1, without a stack trace.
 */
export class UserError extends Error {
  override readonly name: string = "UserError";

  /** The next step for the user, printed on its own `hint:` line. */
  readonly hint: string | undefined;

  constructor(
    message: string,
    options: { hint?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.hint = options.hint;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
