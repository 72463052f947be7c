#!/usr/bin/env node
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { registerCommands, COMMANDS } from "./command-list.js";
import { booleanFlag, checkCommandLine } from "./command-line.js";
import type { CliContext } from "./context.js";
import { reportError } from "./errors-output.js";
import { ExitCode } from "./exit-codes.js";
import { Output, wantsColor } from "./output.js";
import { usageErrorFromYargs } from "./usage-error.js";
import { TOOL_VERSION } from "../util/version.js";

const words = hideBin(process.argv);
const env = process.env;

// yargs writes a zsh completion script when SHELL or ZSH_NAME names zsh,
// and reads them once, when the parser is made, so `completion zsh` and
// `completion bash` set them first.
if (words[0] === "completion" && words[1] === "zsh") env.ZSH_NAME = "zsh";
if (words[0] === "completion" && words[1] === "bash") {
  env.ZSH_NAME = "";
  env.SHELL = "/bin/bash";
}

// A reader that stops early, like `plan | head`, closes the pipe. The
// command still runs to its end, because an apply stopped between two
// requests would leave the account half changed, and its output is dropped.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") {
      throw error;
    }
  });
}

// The output exists before the command line is parsed, so that even a
// usage error is printed with the right colors.
const colorFlag = booleanFlag(words, "color", true);
const output = new Output(process.stdout, process.stderr, {
  colorStdout: wantsColor(process.stdout, env, colorFlag),
  colorStderr: wantsColor(process.stderr, env, colorFlag),
  quiet: booleanFlag(words, "quiet", false),
  progress:
    env.DRYRUN_PROGRESS === "always" ||
    (env.DRYRUN_PROGRESS !== "never" && process.stderr.isTTY === true),
});
const context: CliContext = {
  output,
  env,
  interactive: process.stdin.isTTY === true,
};

/**
 * Runs a command, turning any error into a message and exit code. Each
 * command's module is imported only when it runs, which keeps the start of
 * every other command fast.
 */
async function run(command: () => Promise<ExitCode>): Promise<void> {
  try {
    process.exitCode = await command();
  } catch (error) {
    process.exitCode = reportError(context, error);
  } finally {
    output.endProgress();
  }
}

const parser = registerCommands(yargs(words), context, run)
  .scriptName("dryrun-config")
  .usage(
    "$0 <command> [options]\n\nDryRun Security configurations as code: YAML files in, a reviewed plan, an exact apply.",
  )
  .option("color", {
    describe: "Color the output (--no-color turns it off; so does NO_COLOR)",
    type: "boolean",
    default: true,
  })
  .option("quiet", {
    alias: "q",
    describe:
      "Print only results, warnings and errors: no progress or information",
    type: "boolean",
    default: false,
  })
  // The hidden command makes yargs handle the script's requests for
  // completions (--get-yargs-completions). `completion` prints the script.
  .completion("completion-script", false)
  .command(
    "completion [shell]",
    "Print a shell completion script for bash or zsh",
    (command) =>
      command
        .positional("shell", {
          describe: "The shell; by default the one SHELL names",
          choices: ["bash", "zsh"] as const,
        })
        .example("$0 completion >> ~/.bashrc", "Complete commands in bash")
        .example("$0 completion zsh >> ~/.zshrc", "Complete commands in zsh"),
    () => printCompletionScript(),
  )
  .demandCommand(1, "no command given")
  .strict()
  .fail((message, error) => {
    // yargs reports some command line mistakes as a YError rather than a
    // message, "Not enough arguments following: out" among them.
    if (error !== undefined && error.name !== "YError") throw error;
    throw usageErrorFromYargs(message ?? error?.message, COMMANDS, words);
  })
  .help()
  .alias("help", "h")
  .version(TOOL_VERSION)
  .epilogue(
    "Exit codes: 0 success and nothing to change, 1 an error, 2 changes or drift, 3 refused by a safety check, 130 stopped by Ctrl-C, 143 by SIGTERM. Docs: README.md and docs/.",
  )
  // yargs breaks words to fit a width, so help is not wrapped off a terminal.
  .wrap(process.stdout.isTTY ? Math.min(120, process.stdout.columns) : null);

try {
  checkCommandLine(words);
  await parser.parseAsync();
} catch (error) {
  process.exitCode = reportError(context, error);
}

// A command that failed early may leave the account reads started ahead of
// time still retrying. They are not needed, so the process exits once its
// output is written instead of waiting for them.
await flushed(process.stdout);
await flushed(process.stderr);
process.exit();

/**
 * Prints the completion script, whose install comments name the command
 * `dryrun-config completion`. The type definitions of yargs leave out the
 * two optional arguments that name the program and that command.
 */
function printCompletionScript(): void {
  const shell = env.SHELL ?? "";
  const shellGiven = words[1] === "bash" || words[1] === "zsh";
  if (
    !shellGiven &&
    shell !== "" &&
    !/(bash|zsh)$/.test(shell) &&
    !env.ZSH_NAME
  ) {
    output.warning(
      `SHELL is ${shell}, and completion is for bash or zsh; this is the bash script`,
    );
  }
  const show = parser.showCompletionScript as unknown as (
    $0: string,
    command: string,
  ) => void;
  show.call(parser, "dryrun-config", "completion");
}

/** Resolves once everything written to `stream` so far is handed over. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write("", () => resolve()));
}
