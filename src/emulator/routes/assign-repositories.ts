/** POST configurations/assign_repositories. */
import { assignRepositories } from "../configuration-changes.js";
import { HttpError, ValidationProblems } from "../http-error.js";
import type { Reply } from "../http.js";
import {
  compareRepositories,
  selectRepositoriesById,
  selectRepositoriesByName,
  selectRepositoriesByPattern,
} from "../repository-selection.js";
import { rejectUnknownFields, requireObjectBody } from "../request-body.js";
import type { Route, RouteContext } from "../router.js";
import type { AccountState, ConfigurationState } from "../state.js";
import { describeValue, isUuid } from "../values.js";
import { accountOf, dataReply } from "./context.js";

const SELECTOR_FIELDS = [
  "repository_ids",
  "repository_names",
  "repository_pattern",
];
const ASSIGN_FIELDS = ["configuration_id", ...SELECTOR_FIELDS];

export const ASSIGN_REPOSITORIES_ROUTE: Route = {
  method: "POST",
  pattern: "/v1/accounts/{account_id}/configurations/assign_repositories",
  handle: assignRepositoriesAction,
};

/**
 * Points every repository selected by id, name or pattern at one
 * configuration. configuration_id is checked first (422 when missing, 404
 * when unknown), then every other problem is reported in one 422. Nothing
 * changes unless all checks pass.
 */
function assignRepositoriesAction(context: RouteContext): Reply {
  const account = accountOf(context);
  const body = requireObjectBody(context.body);
  const configuration = findTargetConfiguration(account, body);

  const selected = selectRepositories(account, body);
  assignRepositories(account, configuration.id, [...selected]);
  const repositoryIds = account.repositories
    .filter((repository) => selected.has(repository.id))
    .sort(compareRepositories)
    .map((repository) => repository.id);
  return dataReply({
    configuration_id: configuration.id,
    repository_ids: repositoryIds,
  });
}

/** Returns the ids of every repository that a selector names. */
function selectRepositories(
  account: AccountState,
  body: Record<string, unknown>,
): Set<string> {
  const problems = new ValidationProblems();
  rejectUnknownFields(body, "", ASSIGN_FIELDS, problems);
  if (SELECTOR_FIELDS.every((field) => body[field] === undefined)) {
    problems.add(
      "at least one of repository_ids, repository_names or repository_pattern is required",
    );
  }
  const selected = new Set([
    ...selectRepositoriesById(
      body["repository_ids"],
      "repository_ids",
      account,
      problems,
    ),
    ...selectRepositoriesByName(
      body["repository_names"],
      "repository_names",
      account,
      problems,
    ),
    ...selectRepositoriesByPattern(
      body["repository_pattern"],
      "repository_pattern",
      account,
      problems,
    ),
  ]);
  problems.throwIfAny();
  return selected;
}

function findTargetConfiguration(
  account: AccountState,
  body: Record<string, unknown>,
): ConfigurationState {
  const id = body["configuration_id"];
  if (typeof id !== "string") {
    const problem =
      id === undefined
        ? "is required"
        : `must be a string, got ${describeValue(id)}`;
    throw new HttpError(422, `configuration_id ${problem}`);
  }
  const configuration = isUuid(id)
    ? account.configurations.find((c) => c.id === id)
    : undefined;
  if (configuration === undefined) {
    throw new HttpError(404, `configuration ${JSON.stringify(id)} not found`);
  }
  return configuration;
}
