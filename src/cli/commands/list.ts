import {
  listAccounts,
  listAnalyzers,
  listConfigurations,
  listCustomPolicies,
  listFindings,
  listRepositories,
  listScans,
  type Account,
  type ApiClient,
  type Repository,
} from "../../api/index.js";
import { UserError } from "../../errors.js";
import { RepositoryIndex } from "../../plan/repository-index.js";
import { findAccount } from "../../state/index.js";
import { closestMatches, didYouMean } from "../../util/suggest.js";
import { isUuid } from "../../util/uuid.js";
import { connect } from "../connection.js";
import { UsageError } from "../usage-error.js";
import type { ApiArgs, CliContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";
import type { ListKind } from "../list-kinds.js";
import { formatTable, text, type Column } from "../table.js";

export interface ListArgs extends ApiArgs {
  kind: ListKind;
  account?: string | undefined;
  repository?: string | undefined;
  format: "table" | "json";
}

type Row = Record<string, unknown>;

/**
 * Prints the objects of one kind, reading every page: as a table, or as the
 * API's JSON objects with `--format json`.
 */
export async function runList(
  args: ListArgs,
  context: CliContext,
): Promise<ExitCode> {
  checkOptions(args);
  const client = await connect(args, context.env, context.output);
  const list = { concurrency: args.concurrency };
  const accounts = await listAccounts(client, list);
  if (args.kind === "accounts") {
    return print(context, args, accounts, ACCOUNT_COLUMNS);
  }

  const account = chooseAccount(accounts, args.account);
  const id = account.account_id;
  switch (args.kind) {
    case "repositories":
      return print(
        context,
        args,
        await repositoriesWithNames(client, id, list),
        [
          { heading: "NAME", cell: (row) => text(row.name) },
          { heading: "ID", cell: (row) => text(row.id) },
          {
            heading: "CONFIGURATION",
            cell: (row) => text(row.configuration_name),
          },
          { heading: "ENABLED", cell: (row) => text(row.enabled) },
        ],
      );
    case "configurations":
      return print(context, args, await listConfigurations(client, id, list), [
        { heading: "NAME", cell: (row) => text(row.name) },
        { heading: "ID", cell: (row) => text(row.id) },
        {
          heading: "RISK THRESHOLD",
          cell: (row) => text(row.configuration?.risk_threshold),
        },
        {
          heading: "CODE POLICIES",
          cell: (row) => text(row.configuration?.code_policies?.length ?? 0),
        },
      ]);
    case "analyzers":
      return print(context, args, await listAnalyzers(client, id, list), [
        { heading: "SLUG", cell: (row) => text(row.slug) },
        { heading: "NAME", cell: (row) => text(row.name) },
      ]);
    case "policies":
      return print(context, args, await listCustomPolicies(client, id, list), [
        { heading: "NAME", cell: (row) => text(row.name) },
        { heading: "ID", cell: (row) => text(row.id) },
      ]);
    case "findings":
    case "scans":
      return listActivity(client, args, context, id);
  }
}

const ACCOUNT_COLUMNS: Column<Account>[] = [
  { heading: "NAME", cell: (row) => text(row.org_name) },
  { heading: "ID", cell: (row) => text(row.account_id) },
  { heading: "PROVIDER", cell: (row) => text(row.provider_type) },
  { heading: "ACTIVE", cell: (row) => text(row.active) },
];

async function listActivity(
  client: ApiClient,
  args: ListArgs,
  context: CliContext,
  accountId: string,
): Promise<ExitCode> {
  if (args.repository === undefined) {
    throw new UserError(`list ${args.kind} needs --repository NAME`, {
      hint: "findings and scans belong to a repository; see `dryrun-config list repositories`",
    });
  }
  const repositories = await listRepositories(client, accountId);
  const repository = findRepository(repositories, args.repository);
  if (args.kind === "findings") {
    return print(
      context,
      args,
      await listFindings(client, accountId, repository.id),
      [
        { heading: "SEVERITY", cell: (row: Row) => text(row.severity) },
        { heading: "TYPE", cell: (row: Row) => text(row.type) },
        {
          heading: "FILE",
          cell: (row: Row) => `${text(row.filename)}:${text(row.line_start)}`,
        },
        { heading: "CREATED", cell: (row: Row) => text(row.created_at) },
      ],
    );
  }
  return print(
    context,
    args,
    await listScans(client, accountId, repository.id),
    [
      { heading: "ID", cell: (row: Row) => text(row.id) },
      { heading: "RESULT", cell: (row: Row) => text(row.result) },
      { heading: "INITIATED BY", cell: (row: Row) => text(row.initiated_by) },
      { heading: "CREATED", cell: (row: Row) => text(row.created_at) },
    ],
  );
}

async function repositoriesWithNames(
  client: ApiClient,
  accountId: string,
  list: { concurrency: number },
): Promise<Row[]> {
  const [repositories, configurations] = await Promise.all([
    listRepositories(client, accountId, list),
    listConfigurations(client, accountId, list),
  ]);
  const names = new Map(configurations.map((c) => [c.id, c.name]));
  return repositories.map((repository) => ({
    ...repository,
    configuration_name:
      repository.configuration_id === null
        ? null
        : (names.get(repository.configuration_id) ??
          repository.configuration_id),
  }));
}

function print<T>(
  context: CliContext,
  args: ListArgs,
  rows: readonly T[],
  columns: Column<T>[],
): ExitCode {
  context.output.result(
    args.format === "json"
      ? `${JSON.stringify(rows, null, 2)}\n`
      : formatTable(rows, columns),
  );
  return ExitCode.Ok;
}

/** Picks the account of --account, or the only account of the key. */
function chooseAccount(
  accounts: readonly Account[],
  reference: string | undefined,
): Account {
  if (reference === undefined) {
    const [only, ...others] = accounts;
    if (only !== undefined && others.length === 0) return only;
    throw new UserError(
      `this API key can access ${accounts.length} accounts, so --account is needed`,
      {
        hint: `pass --account with one of: ${accounts.map((a) => a.org_name).join(", ")}`,
      },
    );
  }
  const match = findAccount(accounts, reference);
  if (match.kind === "found") return match.account;
  const names = accounts.map((account) => account.org_name);
  throw new UserError(
    match.kind === "ambiguous"
      ? `${match.candidates.length} accounts are named ${JSON.stringify(reference)}`
      : `account ${JSON.stringify(reference)} is not an account this API key can access`,
    {
      hint:
        match.kind === "ambiguous"
          ? "pass the account id instead of its name"
          : (didYouMean(closestMatches(reference, names)) ??
            `it can access: ${names.join(", ")}`),
    },
  );
}

/**
 * Finds a repository by id, or by name as plan matches names: an exact
 * name first, then the one name that differs only in case or Unicode form.
 */
function findRepository(
  repositories: readonly Repository[],
  reference: string,
): Repository {
  const index = new RepositoryIndex(repositories, false);
  if (isUuid(reference)) {
    const byId = index.byId(reference);
    if (byId) return byId;
  }
  const matches = index.byName(reference);
  const exact = matches.find((repository) => repository.name === reference);
  if (exact) return exact;
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length > 1) {
    throw new UserError(
      `${matches.length} repositories are named ${JSON.stringify(reference)} apart from case`,
      {
        hint: `write the name exactly: ${matches.map((r) => JSON.stringify(r.name)).join(", ")}, or give the repository's id`,
      },
    );
  }
  throw new UserError(`no repository is named ${JSON.stringify(reference)}`, {
    hint:
      didYouMean(
        closestMatches(
          reference,
          repositories.map((r) => r.name),
        ),
      ) ?? "see `dryrun-config list repositories`",
  });
}

/** Rejects --account and --repository where the kind takes no such option. */
function checkOptions(args: ListArgs): void {
  if (args.kind === "accounts" && args.account !== undefined) {
    throw new UsageError(
      "--account does not apply to list accounts",
      "leave it out: the list shows every account the key can access",
    );
  }
  const byRepository = args.kind === "findings" || args.kind === "scans";
  if (!byRepository && args.repository !== undefined) {
    throw new UsageError(
      `--repository applies to list findings and list scans, not list ${args.kind}`,
      "leave it out",
    );
  }
}
