import type { Writable } from "node:stream";

/**
 * The CLI's only way to print. Results go to stdout and everything else,
 * progress, warnings and errors, to stderr, so that `plan > plan.txt`
 * captures the plan alone. Every line passes through redaction of the
 * secrets registered with `addSecret`, as a last line of defence.
 */
export class Output {
  readonly #stdout: Writable;
  readonly #stderr: Writable;
  readonly #secrets = new Set<string>();

  constructor(
    stdout: Writable = process.stdout,
    stderr: Writable = process.stderr,
  ) {
    this.#stdout = stdout;
    this.#stderr = stderr;
  }

  /** Registers a value, such as the API key, that must never be printed. */
  addSecret(secret: string): void {
    if (secret.length >= 4) this.#secrets.add(secret);
  }

  /** Writes a result to stdout as given; add the trailing newline yourself. */
  result(text: string): void {
    this.#stdout.write(this.redact(text));
  }

  /** Writes one line of progress or information to stderr. */
  info(line: string): void {
    this.#stderr.write(`${this.redact(line)}\n`);
  }

  warning(line: string): void {
    this.#stderr.write(`warning: ${this.redact(line)}\n`);
  }

  error(message: string, hint?: string): void {
    this.#stderr.write(`error: ${this.redact(message)}\n`);
    if (hint) this.#stderr.write(`hint: ${this.redact(hint)}\n`);
  }

  /**
   * Removes registered secrets and escapes control characters, so that a
   * name from the API cannot move the cursor, recolor the terminal or
   * reverse the text direction.
   */
  redact(text: string): string {
    let redacted = text;
    for (const secret of this.#secrets) {
      redacted = redacted.split(secret).join("[REDACTED]");
    }
    return escapeControlCharacters(redacted);
  }
}

/** C0 and C1 controls other than tab and newline, and bidi controls. */
const CONTROL_CHARACTERS =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function escapeControlCharacters(text: string): string {
  return text.replace(
    CONTROL_CHARACTERS,
    (character) =>
      `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
