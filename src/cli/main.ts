#!/usr/bin/env node
import yargs, { type Argv } from "yargs";
import { hideBin } from "yargs/helpers";
import { DEFAULT_CONCURRENCY } from "../state/index.js";
import { runApply } from "./commands/apply.js";
import { runDemo } from "./commands/demo.js";
import { runDrift } from "./commands/drift.js";
import { EXAMPLE_SEED, runEmulator } from "./commands/emulator.js";
import { runPlan } from "./commands/plan.js";
import { runValidate } from "./commands/validate.js";
import type { CliContext } from "./context.js";
import { reportError } from "./errors-output.js";
import { ExitCode } from "./exit-codes.js";
import { Output } from "./output.js";

const output = new Output();
const context: CliContext = {
  output,
  env: process.env,
  interactive: process.stdin.isTTY === true,
};

/** Runs a command, turning any error into a message and exit code. */
async function run(command: () => Promise<ExitCode>): Promise<void> {
  try {
    process.exitCode = await command();
  } catch (error) {
    process.exitCode = reportError(context, error);
  }
}

function withDirectory<T>(argv: Argv<T>) {
  return argv.positional("dir", {
    describe: "Directory of config files (*.yaml, *.yml)",
    type: "string",
    default: ".",
  });
}

function withApiOptions<T>(argv: Argv<T>) {
  return argv
    .option("api-url", {
      describe:
        "Base URL of the DryRun Simple API [env DRYRUN_API_URL, default https://simple-api.dryrun.security/v1]",
      type: "string",
    })
    .option("api-key-file", {
      describe: "File that contains the API key [default: env DRYRUN_API_KEY]",
      type: "string",
      normalize: true,
    })
    .option("concurrency", {
      describe: "Requests in flight at once while reading",
      type: "number",
      default: DEFAULT_CONCURRENCY,
    })
    .option("timeout", {
      describe: "Timeout of each API request, in seconds",
      type: "number",
      default: 30,
    })
    .check((argv) => {
      const concurrency = argv.concurrency as number;
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        throw new Error(
          `--concurrency must be a whole number of 1 or more, got ${concurrency}`,
        );
      }
      const timeout = argv.timeout as number;
      if (!(timeout > 0)) {
        throw new Error(
          `--timeout must be a number of seconds above 0, got ${timeout}`,
        );
      }
      return true;
    });
}

await yargs(hideBin(process.argv))
  .scriptName("dryrun-config")
  .usage("$0 <command> [options]\n\nDryRun Security configurations as code.")
  .command(
    "validate [dir]",
    "Check the config files offline, without an API key",
    (argv) =>
      withDirectory(argv).option("format", {
        describe: "Output format of the problems found",
        choices: ["text", "json"] as const,
        default: "text" as const,
      }),
    (argv) => run(() => runValidate(argv, context)),
  )
  .command(
    "plan [dir]",
    "Show the changes that would make the accounts match the files",
    (argv) =>
      withApiOptions(withDirectory(argv)).option("detailed-exitcode", {
        describe: "Exit 2 when there are changes, 0 when there are none",
        type: "boolean",
        default: false,
      }),
    (argv) => run(() => runPlan(argv, context)),
  )
  .command(
    "apply [dir]",
    "Plan, then make the changes through the API",
    (argv) =>
      withApiOptions(withDirectory(argv)).option("auto-approve", {
        describe: "Apply without asking for confirmation",
        type: "boolean",
        default: false,
      }),
    (argv) => run(() => runApply(argv, context)),
  )
  .command(
    "drift [dir]",
    "Report where the accounts differ from the files; exit 2 on drift",
    (argv) => withApiOptions(withDirectory(argv)),
    (argv) => run(() => runDrift(argv, context)),
  )
  .command(
    "emulator",
    "Serve an emulator of the DryRun Simple API on a loopback address",
    (argv) =>
      argv
        .option("port", {
          describe: "Port to listen on; 0 picks a free one",
          type: "number",
          default: 4010,
        })
        .option("host", {
          describe: "Loopback address to listen on",
          type: "string",
          default: "127.0.0.1",
        })
        .option("seed", {
          describe: "Seed file of accounts and API keys",
          type: "string",
          default: EXAMPLE_SEED,
        })
        .option("state", {
          describe:
            "File that keeps the state across runs; created from the seed",
          type: "string",
        })
        .option("pagination", {
          describe: "Where lists put page information",
          choices: ["meta", "top-level"] as const,
          default: "meta" as const,
        })
        .option("latency", {
          describe: "Delay before every response, in milliseconds",
          type: "number",
          default: 0,
        }),
    (argv) => run(() => runEmulator(argv, context)),
  )
  .command(
    "demo",
    "Run plan, apply, plan and drift on the built-in emulator, offline",
    (argv) => argv,
    () => run(() => runDemo(context)),
  )
  .demandCommand(1, "Name a command; see --help.")
  .recommendCommands()
  .strict()
  .fail((message, error) => {
    if (error) throw error;
    output.error(
      message,
      "run dryrun-config --help to see the commands and options",
    );
    process.exitCode = ExitCode.Error;
  })
  .help()
  .alias("help", "h")
  .wrap(Math.min(100, process.stdout.columns || 80))
  .parseAsync();
