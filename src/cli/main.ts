#!/usr/bin/env node
import yargs from "yargs";
import { hideBin } from "yargs/helpers";
import { EXAMPLE_SEED } from "../util/package-root.js";
import type { CliContext } from "./context.js";
import { reportError } from "./errors-output.js";
import { ExitCode } from "./exit-codes.js";
import {
  checkWholeNumber,
  withApiOptions,
  withDirectory,
  withSelection,
} from "./options.js";
import { LIST_KINDS } from "./list-kinds.js";
import { Output } from "./output.js";
import { usageErrorFromYargs } from "./usage-error.js";

const COMMANDS = [
  "validate",
  "plan",
  "apply",
  "drift",
  "explain",
  "export",
  "list",
  "emulator",
  "demo",
];

const output = new Output();
const context: CliContext = {
  output,
  env: process.env,
  interactive: process.stdin.isTTY === true,
};
const words = hideBin(process.argv);

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
  }
}

const parser = yargs(words)
  .scriptName("dryrun-config")
  .usage("$0 <command> [options]\n\nDryRun Security configurations as code.")
  .command(
    "validate [dir]",
    "Check the config files offline, without an API key",
    (argv) =>
      withDirectory(argv).option("format", {
        describe: "Output format",
        choices: ["text", "json"] as const,
        default: "text" as const,
      }),
    (argv) =>
      run(async () =>
        (await import("./commands/validate.js")).runValidate(argv, context),
      ),
  )
  .command(
    "plan [dir]",
    "Show the changes that would make the accounts match the files",
    (argv) =>
      withSelection(withApiOptions(withDirectory(argv)))
        .option("format", {
          describe: "Output format",
          choices: ["text", "markdown", "json"] as const,
          default: "text" as const,
        })
        .option("out", {
          describe: "Save the plan to this file for apply",
          type: "string",
          normalize: true,
          requiresArg: true,
        })
        .option("force", {
          describe: "Replace the --out file if it exists",
          type: "boolean",
          default: false,
        })
        .option("detailed-exitcode", {
          describe: "Exit 2 when there are changes, 0 when there are none",
          type: "boolean",
          default: false,
        }),
    (argv) =>
      run(async () =>
        (await import("./commands/plan.js")).runPlan(argv, context),
      ),
  )
  .command(
    "apply [dir]",
    "Apply a config folder, or a plan saved by plan --out",
    (argv) =>
      withSelection(withApiOptions(withDirectory(argv)))
        .option("auto-approve", {
          describe: "Apply a folder without asking for confirmation",
          type: "boolean",
          default: false,
        })
        .option("force", {
          describe: "Apply even over the delete and move thresholds",
          type: "boolean",
          default: false,
        })
        .option("allow-weakening", {
          describe:
            "Apply changes that weaken security (see the plan's Security impact)",
          type: "boolean",
          default: false,
        })
        .option("continue-on-error", {
          describe:
            "After a failed step, run the steps that do not depend on it",
          type: "boolean",
          default: false,
        }),
    (argv) =>
      run(async () =>
        (await import("./commands/apply.js")).runApply(argv, context),
      ),
  )
  .command(
    "drift [dir]",
    "Report where the accounts differ from the files; exit 2 on drift",
    (argv) =>
      withApiOptions(withDirectory(argv)).option("format", {
        describe: "Output format",
        choices: ["text", "markdown", "json"] as const,
        default: "text" as const,
      }),
    (argv) =>
      run(async () =>
        (await import("./commands/drift.js")).runDrift(argv, context),
      ),
  )
  .command(
    "explain <repository> [dir]",
    "Show which claims match a repository and which one wins",
    (argv) =>
      withApiOptions(
        withDirectory(
          argv.positional("repository", {
            describe: "Repository name or id",
            type: "string",
            demandOption: true,
          }),
        ),
      ),
    (argv) =>
      run(async () =>
        (await import("./commands/explain.js")).runExplain(argv, context),
      ),
  )
  .command(
    "export",
    "Write an account's configurations as config files, or as an emulator seed",
    (argv) =>
      withApiOptions(argv)
        .option("account", {
          describe: "Account name or id",
          type: "string",
          demandOption: true,
          requiresArg: true,
        })
        .option("out", {
          describe: "Folder for the config files",
          type: "string",
          normalize: true,
          requiresArg: true,
          defaultDescription: "the current folder",
        })
        .option("single-file", {
          describe: "Write one file for all configurations",
          type: "boolean",
          default: false,
        })
        .option("emulator-seed", {
          describe:
            "Also (or only) write the account as an emulator seed to this file",
          type: "string",
          normalize: true,
          requiresArg: true,
        })
        .option("force", {
          describe: "Replace files that exist",
          type: "boolean",
          default: false,
        }),
    (argv) =>
      run(async () =>
        (await import("./commands/export.js")).runExport(argv, context),
      ),
  )
  .command(
    "list <kind>",
    "List the accounts, repositories, configurations, analyzers, policies, findings or scans",
    (argv) =>
      withApiOptions(
        argv
          .positional("kind", {
            describe: "What to list",
            choices: LIST_KINDS,
            demandOption: true,
          })
          .option("account", {
            describe:
              "Account name or id; needed when the key can access several",
            type: "string",
            requiresArg: true,
          })
          .option("repository", {
            describe: "Repository name or id, for findings and scans",
            type: "string",
            requiresArg: true,
          })
          .option("format", {
            describe: "Output format",
            choices: ["table", "json"] as const,
            default: "table" as const,
          }),
      ),
    (argv) =>
      run(async () =>
        (await import("./commands/list.js")).runList(argv, context),
      ),
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
          defaultDescription: "the example account",
        })
        .option("state", {
          describe: "Keep the state in this file; created from the seed",
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
        })
        .option("fault", {
          describe:
            "Inject a fault, such as status=429,retry-after=1,every=3 (repeatable; see docs/emulator.md)",
          type: "string",
          array: true,
          requiresArg: true,
        })
        .check((argv) => {
          checkWholeNumber("--port", argv.port, 0, 65535);
          checkWholeNumber("--latency", argv.latency, 0, 60_000);
          return true;
        }),
    (argv) =>
      run(async () =>
        (await import("./commands/emulator.js")).runEmulator(argv, context),
      ),
  )
  .command(
    "demo",
    "Run plan, apply, plan and drift on the built-in emulator, offline",
    (argv) => argv,
    () =>
      run(async () => (await import("./commands/demo.js")).runDemo(context)),
  )
  .demandCommand(1, "no command given")
  .strict()
  .fail((message, error) => {
    throw error ?? usageErrorFromYargs(message, COMMANDS, words);
  })
  .help()
  .alias("help", "h")
  .version()
  .wrap(Math.min(100, process.stdout.columns || 80));

try {
  await parser.parseAsync();
} catch (error) {
  process.exitCode = reportError(context, error);
}
