import { UserError } from "../errors.js";
import { closestMatches, didYouMean } from "../util/suggest.js";

/** A command line that names an unknown command or option, or a bad value. */
export class UsageError extends UserError {
  override readonly name: string = "UsageError";

  constructor(message: string, hint?: string) {
    super(message, {
      hint: hint ?? "run dryrun-config --help to see the commands and options",
    });
  }
}

/**
 * Rewrites yargs' validation messages in the tool's words: "Unknown
 * arguments: dry-run, dryRun" becomes "unknown option --dry-run".
 */
export function usageErrorFromYargs(
  message: string,
  commands: readonly string[],
  words: readonly string[],
): UsageError {
  const invalid = /Argument: ([\w-]+), Given: (.*), Choices: (.*)$/m.exec(
    message,
  );
  if (invalid !== null) {
    const name = invalid[1] ?? "";
    const positional = name === "kind" || name === "shell";
    const shown = positional ? name : `--${name}`;
    return new UsageError(
      `invalid ${shown} ${invalid[2] ?? ""}; choose one of ${(invalid[3] ?? "").replace(/"/g, "")}`,
    );
  }
  const noValue = /^Not enough arguments following: (.+)$/.exec(message);
  if (noValue !== null) {
    const name = noValue[1] ?? "";
    const flag = name.length === 1 ? `-${name}` : `--${name}`;
    return new UsageError(
      `${flag} needs a value`,
      `write ${flag} VALUE, or leave the option out`,
    );
  }
  if (/^Not enough non-option arguments/.test(message)) {
    const command = words[0] ?? "the command";
    return new UsageError(
      `${command} is missing an argument`,
      `run dryrun-config ${command} --help to see its arguments`,
    );
  }
  const unknown = /^Unknown arguments?: (.*)$/.exec(message);
  if (unknown === null) return new UsageError(lowerFirst(message));

  const names = (unknown[1] ?? "")
    .split(", ")
    .filter((name) => !/[A-Z]/.test(name));
  const [first] = words;
  if (
    first !== undefined &&
    !commands.includes(first) &&
    names.includes(first)
  ) {
    return new UsageError(
      `unknown command ${JSON.stringify(first)}`,
      didYouMean(closestMatches(first, commands)) ??
        `the commands are ${commands.join(", ")}`,
    );
  }
  const options = names.filter((name) => !words.includes(name));
  const shown = options.map((name) =>
    name.length === 1 ? `-${name}` : `--${name}`,
  );
  if (shown.length === 0) {
    const extra = names.map((name) => JSON.stringify(name)).join(", ");
    return new UsageError(`unexpected argument ${extra}`);
  }
  return new UsageError(
    `unknown option${shown.length === 1 ? "" : "s"} ${shown.join(", ")}`,
  );
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
