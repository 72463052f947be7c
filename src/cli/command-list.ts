import type { Argv } from "yargs";
import { isBadPort } from "../util/bad-ports.js";
import { EXAMPLE_SEED } from "../util/package-root.js";
import type { CliContext } from "./context.js";
import type { ExitCode } from "./exit-codes.js";
import { LIST_KINDS } from "./list-kinds.js";
import { UsageError } from "./usage-error.js";
import {
  checkWholeNumber,
  withApiOptions,
  withDirectory,
  withSelection,
} from "./options.js";

/** The command names, for suggestions on a misspelled one. */
export const COMMANDS = [
  "validate",
  "plan",
  "apply",
  "drift",
  "explain",
  "export",
  "list",
  "emulator",
  "demo",
  "completion",
];

type Run = (command: () => Promise<ExitCode>) => Promise<void>;

const FORMATS = {
  describe: "Output format",
  default: "text" as const,
  requiresArg: true,
};

/**
 * Adds every command to the parser, each with its options, their units and
 * defaults, and examples. A command's module is imported when it runs.
 */
export function registerCommands<T>(
  argv: Argv<T>,
  context: CliContext,
  run: Run,
) {
  return argv
    .command(
      "validate [dir]",
      "Check the config files offline, without an API key",
      (command) =>
        withDirectory(command)
          .option("format", { ...FORMATS, choices: ["text", "json"] as const })
          .example(
            "$0 validate configs",
            "Check every *.yaml file under configs/",
          )
          .example("$0 validate --format json", "Print the problems as JSON"),
      (args) =>
        run(async () =>
          (await import("./commands/validate.js")).runValidate(args, context),
        ),
    )
    .command(
      "plan [dir]",
      "Show the changes that would make the accounts match the files",
      (command) =>
        withSelection(withApiOptions(withDirectory(command)))
          .option("format", {
            ...FORMATS,
            choices: ["text", "markdown", "json"] as const,
          })
          .option("out", {
            describe: "Save the plan to this file, for apply",
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
          })
          .example(
            "$0 plan configs",
            "Print the plan for the files under configs/",
          )
          .example(
            "$0 plan configs --format markdown --out plan.json",
            "Print a pull request comment and save the plan for apply",
          )
          .example(
            "$0 plan --target backend-strict",
            "Plan one configuration only",
          ),
      (args) =>
        run(async () =>
          (await import("./commands/plan.js")).runPlan(args, context),
        ),
    )
    .command(
      "apply [dir]",
      "Apply a config folder, or a plan saved by plan --out",
      (command) =>
        withSelection(withApiOptions(withDirectory(command)))
          .positional("dir", {
            describe:
              "Folder of config files, or a plan file saved by plan --out",
          })
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
          })
          .example("$0 apply configs", "Plan, ask for 'yes', then apply")
          .example(
            "$0 apply plan.json",
            "Apply a reviewed plan, if the account has not changed",
          )
          .example(
            "$0 apply configs --auto-approve --allow-weakening",
            "Apply in CI, including changes that weaken security",
          ),
      (args) =>
        run(async () =>
          (await import("./commands/apply.js")).runApply(args, context),
        ),
    )
    .command(
      "drift [dir]",
      "Report where the accounts differ from the files; exit 2 on drift",
      (command) =>
        withApiOptions(withDirectory(command))
          .option("format", {
            ...FORMATS,
            choices: ["text", "markdown", "json"] as const,
          })
          .example("$0 drift configs", "Report changes made in the dashboard")
          .example(
            "$0 drift configs --format json",
            "Print the report as JSON",
          ),
      (args) =>
        run(async () =>
          (await import("./commands/drift.js")).runDrift(args, context),
        ),
    )
    .command(
      "explain <repository> [dir]",
      "Show which claims match a repository and which one wins",
      (command) =>
        withApiOptions(
          withDirectory(
            command.positional("repository", {
              describe: "Repository name or id",
              type: "string",
              demandOption: true,
            }),
          ),
        )
          .example(
            "$0 explain payments-api configs",
            "Why payments-api gets its configuration",
          )
          .example(
            "$0 explain 7b0f6c1e-2d1b-4c55-9a53-3c1f0e8f6a10",
            "The same, by repository id, for the files in this folder",
          ),
      (args) =>
        run(async () =>
          (await import("./commands/explain.js")).runExplain(args, context),
        ),
    )
    .command(
      "export",
      "Write an account's configurations as config files, or as an emulator seed",
      (command) =>
        withApiOptions(command)
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
              "Write the account as an emulator seed to this file (without --out, only that)",
            type: "string",
            normalize: true,
            requiresArg: true,
          })
          .option("force", {
            describe: "Replace files that exist",
            type: "boolean",
            default: false,
          })
          .example(
            "$0 export --account acme --out configs",
            "Start managing an existing account",
          )
          .example(
            "$0 export --account acme --emulator-seed acme-seed.json",
            "Copy the account, to rehearse changes on the emulator",
          ),
      (args) =>
        run(async () =>
          (await import("./commands/export.js")).runExport(args, context),
        ),
    )
    .command(
      "list <kind>",
      "List accounts, repositories, configurations, analyzers, policies, findings or scans",
      (command) =>
        withApiOptions(
          command
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
        )
          .example(
            "$0 list analyzers --account acme",
            "The slugs to use under analyzers:",
          )
          .example(
            "$0 list scans --account acme --repository payments-api --format json",
            "A repository's pull request scans, as JSON",
          ),
      (args) =>
        run(async () =>
          (await import("./commands/list.js")).runList(args, context),
        ),
    )
    .command(
      "emulator",
      "Serve an emulator of the DryRun Simple API on a loopback address",
      (command) =>
        command
          .option("port", {
            describe: "Port to listen on; 0 picks a free one",
            type: "number",
            requiresArg: true,
            default: 4010,
          })
          .option("host", {
            describe: "Loopback address to listen on",
            type: "string",
            requiresArg: true,
            default: "127.0.0.1",
          })
          .option("seed", {
            describe: "Seed file of accounts and API keys",
            type: "string",
            requiresArg: true,
            default: EXAMPLE_SEED,
            defaultDescription: "the example account",
          })
          .option("state", {
            describe: "Keep the state in this file; created from the seed",
            type: "string",
            requiresArg: true,
          })
          .option("pagination", {
            describe: "Where lists put page information",
            choices: ["meta", "top-level"] as const,
            requiresArg: true,
            default: "meta" as const,
          })
          .option("latency", {
            describe: "Delay before every response, in milliseconds",
            type: "number",
            requiresArg: true,
            default: 0,
          })
          .option("fault", {
            describe:
              "Inject a fault, such as status=429,retry-after=1,every=3 (repeatable; see docs/emulator.md)",
            type: "string",
            array: true,
            requiresArg: true,
          })
          .check((args) => {
            checkWholeNumber("--port", args.port, 0, 65535);
            if (isBadPort(args.port)) {
              throw new UsageError(
                `--port ${args.port} is a port that fetch clients, this tool included, refuse to connect to`,
                "choose another port, or --port 0 for a free one",
              );
            }
            checkWholeNumber("--latency", args.latency, 0, 60_000);
            return true;
          })
          .example(
            "$0 emulator --state rehearsal.json",
            "Rehearse on a copy that persists",
          )
          .example(
            "$0 emulator --latency 200 --fault status=429,retry-after=1,every=5",
            "Rehearse a slow, rate-limited API",
          ),
      (args) =>
        run(async () =>
          (await import("./commands/emulator.js")).runEmulator(args, context),
        ),
    )
    .command(
      "demo",
      "Run plan, apply, plan and drift on the built-in emulator, offline",
      (command) =>
        command
          .example("$0 demo", "The whole workflow on the example account")
          .example(
            "$0 demo --no-color > demo.txt",
            "Keep a plain copy of the run",
          ),
      () =>
        run(async () => (await import("./commands/demo.js")).runDemo(context)),
    );
}
