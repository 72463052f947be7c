/**
 * Validation of the settings object that clients send when they create,
 * replace, update or bulk-update configurations.
 */
import type { ValidationProblems } from "./http-error.js";
import type {
  CodePolicySetting,
  ConfigurationSettings,
  NotificationSettings,
} from "./seed.js";
import {
  MAX_ENABLED_CODE_POLICIES,
  SETTING_KEYS,
  completeCodePolicy,
  defaultNotifications,
} from "./settings.js";
import { rejectUnknownFields } from "./request-body.js";
import { describeValue, isPlainObject, joinPath } from "./values.js";

/** Account data and the problem list that every settings check receives. */
interface SettingsContext {
  /** Ids of the account's custom policies. */
  policyIds: ReadonlySet<string>;
  problems: ValidationProblems;
}

type SettingCheck = (
  value: unknown,
  path: string,
  context: SettingsContext,
) => unknown;

type SettingKey = (typeof SETTING_KEYS)[number];

const SETTING_CHECKS: Record<SettingKey, SettingCheck> = {
  comment: (value, path, { problems }) => {
    if (typeof value !== "string") {
      problems.add(`${path} must be a string, got ${describeValue(value)}`);
    }
    return value;
  },
  show_scan_confirmation: checkBoolean,
  risk_threshold: checkRiskThreshold,
  analyzers: checkAnalyzers,
  code_policies: checkCodePolicies,
  notifications: checkNotifications,
};

const CODE_POLICY_FIELDS = ["id", "enabled", "silent", "blocking"];
const NOTIFICATION_FIELDS = ["enabled", "deduplicate", "integrationNames"];

/**
 * Validates a settings object found at `path` of a request body, adding
 * every problem to `problems`. Returns the keys that were sent, with code
 * policy flags and notification fields that were left out set to their
 * defaults. The return value is meaningful only when no problem was added.
 */
export function validateSettings(
  value: unknown,
  path: string,
  policyIds: ReadonlySet<string>,
  problems: ValidationProblems,
): Partial<ConfigurationSettings> {
  if (!isPlainObject(value)) {
    problems.add(`${path} must be an object, got ${describeValue(value)}`);
    return {};
  }

  const context = { policyIds, problems };
  const settings: Record<string, unknown> = {};
  for (const [key, setting] of Object.entries(value)) {
    if (!isSettingKey(key)) {
      problems.add(
        `${joinPath(path, key)} is not a known setting (known: ${SETTING_KEYS.join(", ")})`,
      );
      continue;
    }
    settings[key] = SETTING_CHECKS[key](setting, joinPath(path, key), context);
  }
  // Each check has verified the type of its key, unless it added a problem.
  return settings as Partial<ConfigurationSettings>;
}

function isSettingKey(key: string): key is SettingKey {
  return (SETTING_KEYS as readonly string[]).includes(key);
}

function checkBoolean(
  value: unknown,
  path: string,
  { problems }: SettingsContext,
): unknown {
  if (typeof value !== "boolean") {
    problems.add(`${path} must be a boolean, got ${describeValue(value)}`);
  }
  return value;
}

function checkRiskThreshold(
  value: unknown,
  path: string,
  { problems }: SettingsContext,
): unknown {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    problems.add(`${path} must be an integer, got ${describeValue(value)}`);
  } else if (value < 0) {
    problems.add(`${path} must be 0 or more, got ${value}`);
  }
  return value;
}

/** Analyzer values are stored as sent, but must be booleans or objects. */
function checkAnalyzers(
  value: unknown,
  path: string,
  { problems }: SettingsContext,
): unknown {
  if (!isPlainObject(value)) {
    problems.add(
      `${path} must be an object keyed by analyzer slug, got ${describeValue(value)}`,
    );
    return value;
  }
  for (const [slug, setting] of Object.entries(value)) {
    if (typeof setting !== "boolean" && !isPlainObject(setting)) {
      problems.add(
        `${joinPath(path, slug)} must be a boolean or an object, got ${describeValue(setting)}`,
      );
    }
  }
  return value;
}

function checkCodePolicies(
  value: unknown,
  path: string,
  context: SettingsContext,
): unknown {
  if (!Array.isArray(value)) {
    context.problems.add(
      `${path} must be an array, got ${describeValue(value)}`,
    );
    return value;
  }

  const seenIds = new Set<string>();
  const policies: CodePolicySetting[] = [];
  value.forEach((entry: unknown, index) => {
    const policy = checkCodePolicy(entry, `${path}[${index}]`, context);
    if (policy === undefined) {
      return;
    }
    if (seenIds.has(policy.id)) {
      context.problems.add(
        `${path}[${index}].id ${describeValue(policy.id)} is listed more than once; list each code policy once`,
      );
    }
    seenIds.add(policy.id);
    policies.push(policy);
  });

  const enabledCount = policies.filter((p) => p.enabled !== false).length;
  if (enabledCount > MAX_ENABLED_CODE_POLICIES) {
    context.problems.add(
      `${path} has ${enabledCount} enabled code policies, but at most ${MAX_ENABLED_CODE_POLICIES} enabled code policies are allowed; set enabled to false on the others`,
    );
  }
  return policies;
}

/** Checks one code policy entry; returns it completed, or undefined. */
function checkCodePolicy(
  entry: unknown,
  path: string,
  { policyIds, problems }: SettingsContext,
): CodePolicySetting | undefined {
  if (!isPlainObject(entry)) {
    problems.add(`${path} must be an object, got ${describeValue(entry)}`);
    return undefined;
  }
  const before = problems.count;
  rejectUnknownFields(entry, path, CODE_POLICY_FIELDS, problems);
  checkPolicyFlags(entry, path, problems);

  const id = entry["id"];
  if (typeof id !== "string") {
    const problem =
      id === undefined
        ? "is required"
        : `must be a string, got ${describeValue(id)}`;
    problems.add(`${path}.id ${problem}`);
  } else if (!policyIds.has(id)) {
    problems.add(
      `${path}.id ${describeValue(id)} is not a custom policy of this account; list the account's policies with GET custom_policies`,
    );
  }
  if (problems.count > before || typeof id !== "string") {
    return undefined;
  }
  return completeCodePolicy({ ...entry, id });
}

/** enabled, silent and blocking may be booleans, null, or left out. */
function checkPolicyFlags(
  entry: Record<string, unknown>,
  path: string,
  problems: ValidationProblems,
): void {
  for (const flag of ["enabled", "silent", "blocking"]) {
    const value = entry[flag];
    if (value !== undefined && value !== null && typeof value !== "boolean") {
      problems.add(
        `${path}.${flag} must be a boolean or null, got ${describeValue(value)}`,
      );
    }
  }
}

function checkNotifications(
  value: unknown,
  path: string,
  { problems }: SettingsContext,
): unknown {
  if (!isPlainObject(value)) {
    problems.add(`${path} must be an object, got ${describeValue(value)}`);
    return value;
  }
  rejectUnknownFields(value, path, NOTIFICATION_FIELDS, problems);
  for (const flag of ["enabled", "deduplicate"]) {
    if (value[flag] !== undefined && typeof value[flag] !== "boolean") {
      problems.add(
        `${path}.${flag} must be a boolean, got ${describeValue(value[flag])}`,
      );
    }
  }

  const names = value["integrationNames"];
  const namesPath = `${path}.integrationNames`;
  if (names !== undefined && !Array.isArray(names)) {
    problems.add(
      `${namesPath} must be an array of strings, got ${describeValue(names)}`,
    );
  } else if (Array.isArray(names)) {
    names.forEach((name: unknown, index) => {
      if (typeof name !== "string") {
        problems.add(
          `${namesPath}[${index}] must be a string, got ${describeValue(name)}`,
        );
      }
    });
  }
  const notifications: NotificationSettings = {
    ...defaultNotifications(),
    ...value,
  };
  return notifications;
}
