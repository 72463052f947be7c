/**
 * Reading the request bodies of create (POST), replace (PUT) and update
 * (PATCH) calls on a configuration:
 * `{"configuration": {"name", "configuration": {settings}}, "repositories": [ids]}`.
 */
import { ValidationProblems } from "./http-error.js";
import { selectRepositoriesById } from "./repository-selection.js";
import { rejectUnknownFields, requireObjectBody } from "./request-body.js";
import type { ConfigurationSettings } from "./seed.js";
import { validateSettings } from "./settings-validation.js";
import type { AccountState } from "./state.js";
import { describeValue, foldName, isPlainObject } from "./values.js";

/**
 * `create` and `replace` require a name; `update` changes only what the
 * body sends.
 */
export type ConfigurationRequestKind = "create" | "replace" | "update";

/** A validated configuration request body. */
export interface ConfigurationRequest {
  name: string | undefined;
  /** The settings keys sent, or undefined when no settings were sent. */
  settings: Partial<ConfigurationSettings> | undefined;
  /** Repositories to assign to the configuration; others keep theirs. */
  repositoryIds: string[];
}

const BODY_FIELDS = ["configuration", "repositories"];
const CONFIGURATION_FIELDS = ["name", "configuration"];

/** State shared by the checks of one request body. */
interface RequestScope {
  account: AccountState;
  kind: ConfigurationRequestKind;
  currentId: string | undefined;
  problems: ValidationProblems;
}

/**
 * Validates a request body against the account. `currentId` is the id of
 * the configuration being changed, which may keep its own name. Throws a
 * 422 HttpError that lists every problem.
 */
export function readConfigurationRequest(
  body: unknown,
  account: AccountState,
  kind: ConfigurationRequestKind,
  currentId?: string,
): ConfigurationRequest {
  const fields = requireObjectBody(body);
  const problems = new ValidationProblems();
  rejectUnknownFields(fields, "", BODY_FIELDS, problems);

  // A body without "configuration" is read like an empty one, so create
  // and replace report the missing name.
  const wrapper =
    fields["configuration"] === undefined ? {} : fields["configuration"];
  let request: Omit<ConfigurationRequest, "repositoryIds"> = {
    name: undefined,
    settings: undefined,
  };
  if (isPlainObject(wrapper)) {
    request = readWrapper(wrapper, { account, kind, currentId, problems });
  } else {
    problems.add(
      `configuration must be an object, got ${describeValue(wrapper)}`,
    );
  }

  const repositoryIds = selectRepositoriesById(
    fields["repositories"],
    "repositories",
    account,
    problems,
  );
  problems.throwIfAny();
  return { ...request, repositoryIds };
}

/** Reads `{"name", "configuration"}`, the object under "configuration". */
function readWrapper(
  wrapper: Record<string, unknown>,
  scope: RequestScope,
): Omit<ConfigurationRequest, "repositoryIds"> {
  rejectUnknownFields(
    wrapper,
    "configuration",
    CONFIGURATION_FIELDS,
    scope.problems,
  );
  const name = readName(wrapper["name"], scope);
  if (wrapper["configuration"] === undefined) {
    return { name, settings: undefined };
  }
  const policyIds = new Set(scope.account.custom_policies.map((p) => p.id));
  const settings = validateSettings(
    wrapper["configuration"],
    "configuration.configuration",
    policyIds,
    scope.problems,
  );
  return { name, settings };
}

/**
 * Checks a configuration name: a non-empty string without surrounding
 * whitespace that no other configuration of the account uses, ignoring case.
 */
function readName(value: unknown, scope: RequestScope): string | undefined {
  const { account, currentId, problems } = scope;
  const path = "configuration.name";
  if (value === undefined) {
    if (scope.kind !== "update") {
      problems.add(`${path} is required`);
    }
    return undefined;
  }
  if (typeof value !== "string") {
    problems.add(`${path} must be a string, got ${describeValue(value)}`);
    return undefined;
  }
  if (value.trim() === "") {
    problems.add(`${path} must not be empty`);
    return undefined;
  }
  if (value.trim() !== value) {
    problems.add(
      `${path} must not start or end with whitespace, got ${describeValue(value)}`,
    );
    return undefined;
  }

  const folded = foldName(value);
  const conflict = account.configurations.find(
    (c) => c.id !== currentId && foldName(c.name) === folded,
  );
  if (conflict !== undefined) {
    problems.add(
      `${path} ${describeValue(value)} is already used by configuration ${conflict.id} (${describeValue(conflict.name)}); names must be unique, ignoring case`,
    );
  }
  return value;
}
