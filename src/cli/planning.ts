import { existsSync, statSync } from "node:fs";
import { listAccounts, type Account, type ApiClient } from "../api/index.js";
import {
  ConfigError,
  hasErrors,
  type DesiredAccount,
  type Diagnostic,
} from "../config/index.js";
import { loadDesiredState } from "../config/index.js";
import { plural } from "../plan/format-value.js";
import {
  planAccount,
  unresolvedAccount,
  type AccountPlan,
} from "../plan/index.js";
import {
  findAccount,
  readSnapshot,
  type LiveSnapshot,
  type ReadOptions,
} from "../state/index.js";
import type { Output } from "./output.js";
import { UserError } from "../errors.js";
import { displayName } from "../util/display-path.js";
import { configurationKey } from "../util/names.js";
import { closestMatches, didYouMean } from "../util/suggest.js";
import type { CliContext } from "./context.js";
import { printWarnings } from "./warnings.js";

export interface PlanningOptions {
  concurrency: number;
  /** Configuration names of `--target`; empty plans every configuration. */
  target?: readonly string[] | undefined;
  /** Configuration names of `--exclude`. */
  exclude?: readonly string[] | undefined;
}

/**
 * Loads the config directory, reads every account it names, and plans each.
 * Problems from every account are collected and raised together as one
 * ConfigError; warnings are printed to stderr.
 */
export async function planDirectory(
  directory: string,
  client: ApiClient,
  context: CliContext,
  options: PlanningOptions,
): Promise<AccountPlan[]> {
  const { output } = context;
  checkOverlap(options);
  if (directory === ".") checkSwallowedDirectory(options);
  const early = startReading(client, options, output);
  const { state, warnings } = await loadDesiredState(directory);
  const diagnostics: Diagnostic[] = [...warnings];
  if (state.accounts.length === 0) {
    throw new UserError(`the files in ${directory} declare no account`, {
      hint: "add `account:` and `configurations:` to a file, or pass the folder that has them",
    });
  }

  const accounts = await early.accounts;
  const plans: AccountPlan[] = [];
  const knownNames = new Set<string>();
  const seen = new Map<string, DesiredAccount>();
  const selection = { targets: options.target, excludes: options.exclude };
  for (const desired of state.accounts) {
    const match = findAccount(accounts, desired.account.value);
    if (match.kind !== "found") {
      diagnostics.push(unresolvedAccount(desired, accounts, match));
      continue;
    }
    const earlier = seen.get(match.account.account_id);
    if (earlier !== undefined) {
      diagnostics.push(accountNamedTwice(earlier, desired));
      continue;
    }
    seen.set(match.account.account_id, desired);
    const snapshot = await ((await early.only)?.account === match.account
      ? early.snapshot
      : readSnapshot(
          client,
          match.account,
          readOptions(options, output, match.account),
        ));
    output.endProgress();
    output.info(
      `Read account ${displayName(match.account.org_name)} (${match.account.account_id}): ${plural(snapshot.configurations.length, "configuration")}, ${plural(snapshot.repositories.length, "repository", "repositories")}`,
    );
    for (const configuration of desired.configurations) {
      knownNames.add(configuration.name.value);
    }
    for (const live of snapshot.configurations) knownNames.add(live.name);
    const result = planAccount(desired, snapshot, selection);
    diagnostics.push(...result.diagnostics);
    if (result.plan) plans.push(result.plan);
  }

  if (hasErrors(diagnostics)) throw new ConfigError(diagnostics);
  checkSelection(options, knownNames);
  printWarnings(context, diagnostics);
  return plans;
}

/**
 * Reports one account named two ways, by name in one file and by UUID in
 * another: each would be planned alone and prune the other's
 * configurations.
 */
function accountNamedTwice(
  first: DesiredAccount,
  second: DesiredAccount,
): Diagnostic {
  const { file, line } = first.account.location;
  return {
    severity: "error",
    rule: "account-named-twice",
    message: `account ${JSON.stringify(second.account.value)} is the account named ${JSON.stringify(first.account.value)} at ${file}:${line}`,
    location: second.account.location,
    hint: "name the account the same way in every file",
  };
}

/**
 * Starts the reads that do not depend on the files, so that they overlap
 * with parsing them: the accounts list and, when the key can access a
 * single account (the usual case), that account's snapshot. The files
 * almost always name that account; when they do not, its reads were
 * wasted but harmless. A failure surfaces when the result is awaited.
 */
function startReading(
  client: ApiClient,
  options: PlanningOptions,
  output: Output,
) {
  const accounts = listAccounts(client, options);
  const only = accounts.then(
    (list) => (list.length === 1 ? { account: list[0] as Account } : undefined),
    () => undefined,
  );
  const snapshot = only.then((single) =>
    single === undefined
      ? undefined
      : readSnapshot(
          client,
          single.account,
          readOptions(options, output, single.account),
        ),
  );
  // Until they are awaited, failures are handled where they are awaited.
  accounts.catch(() => undefined);
  snapshot.catch(() => undefined);
  return { accounts, only, snapshot: snapshot as Promise<LiveSnapshot> };
}

/** Read options that report the pages read on the progress line. */
function readOptions(
  options: PlanningOptions,
  output: Output,
  account: Account,
): ReadOptions {
  return {
    concurrency: options.concurrency,
    onProgress: (read, known) =>
      output.progress(
        `Reading account ${displayName(account.org_name)}: ${read} of ${known} pages`,
      ),
  };
}

/** Rejects a name given to both --target and --exclude. */
function checkOverlap(options: PlanningOptions): void {
  const excluded = new Set((options.exclude ?? []).map(configurationKey));
  const both = (options.target ?? []).find((name) =>
    excluded.has(configurationKey(name)),
  );
  if (both === undefined) return;
  throw new UserError(
    `--target and --exclude both name ${JSON.stringify(both)}`,
    { hint: "leave the configuration out of one of them" },
  );
}

/**
 * Rejects a --target or --exclude value that is a folder path when no folder
 * was given: yargs read the folder as one more name. Checked before the
 * current folder is loaded, so the mistake is reported instead of the errors
 * of whatever files the current folder holds.
 */
function checkSwallowedDirectory(options: PlanningOptions): void {
  for (const [flag, names] of selectionFlags(options)) {
    for (const name of names) {
      if (!/[\\/]/.test(name) || !isDirectory(name)) continue;
      throw new UserError(
        `${flag} ${JSON.stringify(name)} names a folder, and no config folder was given`,
        { hint: swallowedHint(name, flag) },
      );
    }
  }
}

function selectionFlags(
  options: PlanningOptions,
): [flag: string, names: readonly string[]][] {
  return [
    ["--target", options.target ?? []],
    ["--exclude", options.exclude ?? []],
  ];
}

function swallowedHint(name: string, flag: string): string {
  return `${name} is a path, not a configuration: put DIR before ${flag}, or write ${flag}=NAME`;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Rejects a --target or --exclude name that names no configuration. */
function checkSelection(options: PlanningOptions, known: Set<string>): void {
  const keys = new Set([...known].map(configurationKey));
  for (const [flag, names] of selectionFlags(options)) {
    for (const name of names) {
      if (keys.has(configurationKey(name))) continue;
      throw new UserError(
        `${flag} ${JSON.stringify(name)} names no configuration of the files or the account`,
        {
          hint: existsSync(name)
            ? swallowedHint(name, flag)
            : (didYouMean(closestMatches(name, known)) ??
              "give the configuration's name as the files declare it"),
        },
      );
    }
  }
}
