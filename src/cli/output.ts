import type { Writable } from "node:stream";
import picocolors from "picocolors";

export type Colors = ReturnType<typeof picocolors.createColors>;

export interface OutputOptions {
  /** Colors on stdout; default off. */
  colorStdout?: boolean;
  /** Colors on stderr; default off. */
  colorStderr?: boolean;
  /** Leaves out information and progress, keeping warnings and errors. */
  quiet?: boolean;
  /** Shows a progress line on stderr, rewritten in place. */
  progress?: boolean;
}

/**
 * The CLI's only way to print. Results go to stdout and everything else,
 * progress, warnings and errors, to stderr, so that `plan > plan.txt`
 * captures the plan alone. Every line passes through redaction of the
 * secrets registered with `addSecret`, as a last line of defence, before
 * any color is added.
 */
export class Output {
  readonly #stdout: Writable;
  readonly #stderr: Writable;
  readonly #secrets = new Set<string>();
  readonly stdoutColors: Colors;
  readonly stderrColors: Colors;
  readonly quiet: boolean;
  readonly #progress: boolean;
  #progressShown = false;

  constructor(
    stdout: Writable = process.stdout,
    stderr: Writable = process.stderr,
    options: OutputOptions = {},
  ) {
    this.#stdout = stdout;
    this.#stderr = stderr;
    this.stdoutColors = picocolors.createColors(options.colorStdout ?? false);
    this.stderrColors = picocolors.createColors(options.colorStderr ?? false);
    this.quiet = options.quiet ?? false;
    this.#progress = (options.progress ?? false) && !this.quiet;
  }

  /** Registers a value, such as the API key, that must never be printed. */
  addSecret(secret: string): void {
    if (secret.length >= 4) this.#secrets.add(secret);
  }

  /**
   * Writes a result to stdout; add the trailing newline yourself. `color`
   * colors the text after redaction, when stdout has colors.
   */
  result(text: string, color?: (text: string, colors: Colors) => string): void {
    this.#clearProgress();
    const safe = this.redact(text);
    this.#stdout.write(
      color && this.stdoutColors.isColorSupported
        ? color(safe, this.stdoutColors)
        : safe,
    );
  }

  /** Writes one line of progress or information to stderr, unless quiet. */
  info(line: string): void {
    if (this.quiet) return;
    this.#clearProgress();
    this.#stderr.write(`${this.redact(line)}\n`);
  }

  /**
   * Writes one line that belongs to a warning or an error, such as a
   * located diagnostic, a listed item or a hint, to stderr, even when quiet.
   */
  detail(line: string): void {
    this.#clearProgress();
    this.#stderr.write(`${this.redact(line)}\n`);
  }

  warning(line: string): void {
    this.#clearProgress();
    const label = this.stderrColors.yellow("warning:");
    this.#stderr.write(`${label} ${this.redact(line)}\n`);
  }

  error(message: string, hint?: string): void {
    this.#clearProgress();
    const { red, dim } = this.stderrColors;
    this.#stderr.write(`${red("error:")} ${this.redact(message)}\n`);
    if (hint) this.#stderr.write(`${dim("hint:")} ${this.redact(hint)}\n`);
  }

  /**
   * Shows a one-line progress report on stderr, rewriting the previous one,
   * when progress is on (a terminal, and not --quiet); otherwise nothing.
   */
  progress(line: string): void {
    if (!this.#progress) return;
    this.#stderr.write(`\r\u001b[2K${this.redact(line)}`);
    this.#progressShown = true;
  }

  /** Removes the progress line, before other output or at the end. */
  endProgress(): void {
    this.#clearProgress();
  }

  #clearProgress(): void {
    if (!this.#progressShown) return;
    this.#stderr.write("\r\u001b[2K");
    this.#progressShown = false;
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

/**
 * Decides whether a stream gets colors: never with --no-color or a
 * non-empty NO_COLOR, always with FORCE_COLOR (other than 0), otherwise on
 * a terminal that is not "dumb".
 */
export function wantsColor(
  stream: { isTTY?: boolean },
  env: NodeJS.ProcessEnv,
  flag: boolean,
): boolean {
  if (!flag) return false;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true && env.TERM !== "dumb";
}
