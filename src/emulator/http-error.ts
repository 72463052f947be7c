/**
 * An error that the emulator sends to the client as `{"error": message}`
 * with the given status and extra headers.
 */
export class HttpError extends Error {
  override readonly name: string = "HttpError";

  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    message: string,
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = status;
    this.headers = headers;
  }
}

/**
 * Collects every validation problem of a request so that the client sees
 * all of them in one 422 response.
 */
export class ValidationProblems {
  readonly #messages: string[] = [];

  add(message: string): void {
    this.#messages.push(message);
  }

  get count(): number {
    return this.#messages.length;
  }

  /** Throws a 422 HttpError whose message joins all problems with "; ". */
  throwIfAny(): void {
    if (this.#messages.length > 0) {
      throw new HttpError(422, this.#messages.join("; "));
    }
  }
}
