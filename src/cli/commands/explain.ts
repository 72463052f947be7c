import { listAccounts } from "../../api/index.js";
import { loadDesiredState } from "../../config/index.js";
import { UserError } from "../../errors.js";
import { displayName, displayPath } from "../../util/display-path.js";
import { explainRepository, type Explanation } from "../../plan/explain.js";
import { resolveAccount } from "../../plan/resolve.js";
import { findAccount, readSnapshot } from "../../state/index.js";
import { connect } from "../connection.js";
import type { ApiArgs, CliContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";

export interface ExplainArgs extends ApiArgs {
  repository: string;
  dir: string;
}

/**
 * Prints, for a repository, every claim of the files that matches it, the
 * one that wins, the configuration that results, and the one it has now.
 */
export async function runExplain(
  args: ExplainArgs,
  context: CliContext,
): Promise<ExitCode> {
  const { output } = context;
  const client = await connect(args, context.env, output);
  const { state } = await loadDesiredState(args.dir);
  const accounts = await listAccounts(client);

  const found: string[] = [];
  for (const desired of state.accounts) {
    const match = findAccount(accounts, desired.account.value);
    if (match.kind !== "found") continue;
    const snapshot = await readSnapshot(client, match.account, args);
    const resolved = resolveAccount(desired, snapshot);
    for (const explanation of explainRepository(resolved, args.repository)) {
      found.push(renderExplanation(match.account.org_name, explanation));
    }
  }
  if (found.length === 0) {
    throw new UserError(
      `no repository named or with the id ${JSON.stringify(args.repository)} in the accounts of ${displayPath(args.dir)}`,
      { hint: "give the repository's name or id as the API lists it" },
    );
  }
  output.result(found.join("\n"));
  return ExitCode.Ok;
}

function renderExplanation(account: string, explanation: Explanation): string {
  const { repository } = explanation;
  const lines = [
    `Repository ${displayName(repository.name)} (${repository.id}) in account ${displayName(account)}`,
    "",
  ];
  if (explanation.matches.length === 0) {
    lines.push("  No configuration of the files claims it.");
  } else {
    lines.push("  Claims:");
    for (const match of explanation.matches) {
      const where = match.location
        ? ` at ${match.location.file}:${match.location.line}`
        : "";
      const kind =
        match.kind === "default" ? "default_configuration" : match.kind;
      const excluded = match.excludedBy
        ? ` by ${JSON.stringify(match.excludedBy.entry.value)} at ${match.excludedBy.entry.location.file}:${match.excludedBy.entry.location.line}`
        : "";
      lines.push(
        `    ${kind} ${JSON.stringify(match.entry)} of configuration ${JSON.stringify(match.configuration)}${where}: ${match.outcome}${excluded}`,
      );
    }
  }

  const current = explanation.current
    ? `configuration ${JSON.stringify(explanation.current.name)}`
    : "no configuration";
  lines.push("", `  Now:        ${current}`);
  if (explanation.conflict.length > 0) {
    lines.push(
      "  Files:      a conflict between claims of the same strength; plan reports it as an error",
    );
  } else if (explanation.winner) {
    lines.push(
      `  Files:      configuration ${JSON.stringify(explanation.winner.configuration)}`,
    );
  } else {
    lines.push(
      "  Files:      nothing claims it, so it keeps its configuration",
    );
  }
  lines.push("");
  return lines.join("\n");
}
