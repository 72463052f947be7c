import type {
  CodePolicySetting,
  ConfigurationSettings,
  NotificationSettings,
} from "../api/index.js";
import { CODE_POLICY_DEFAULTS } from "../config/index.js";
import { compareStrings } from "../util/compare.js";
import { jsonEqual } from "../util/equal.js";
import { isRecord } from "../util/record.js";

/** One managed field whose live value differs from the desired one. */
export interface FieldChange {
  /** The field's path, such as `risk_threshold` or `analyzers.sqli`. */
  field: string;
  /** The live value; undefined when absent. */
  before: unknown;
  /** The desired value; undefined when it is to be removed. */
  after: unknown;
}

/**
 * Managed settings flattened to one entry per field path, such as
 * `analyzers.sqli` or `code_policies["No PII in logs"]`, in a fixed order.
 */
export type FlatSettings = Record<string, unknown>;

export interface SettingsDiff {
  /** Every managed field, live and desired, normalized for comparison. */
  before: FlatSettings;
  after: FlatSettings;
  changes: FieldChange[];
  /** The settings to send: each changed top-level key, whole. */
  body: ConfigurationSettings;
}

/**
 * Compares the managed settings of a configuration with its live settings.
 *
 * Only keys present in `desired` are compared. On the live side null,
 * missing and empty compare equal, and so do a missing boolean and false.
 * Code policies are matched by id and integrations compared as sets. Where
 * something changed, the whole top-level key goes in the body; a
 * `notifications` body keeps the live values of sub-keys the files omit.
 * With `live` undefined (a create), every managed field is a change.
 */
export function diffSettings(
  desired: ConfigurationSettings,
  live: ConfigurationSettings | undefined,
  policyName: (id: string) => string,
): SettingsDiff {
  const after = sortFields(flatten(desired, desired, policyName));
  const before =
    live === undefined ? {} : sortFields(flatten(desired, live, policyName));
  // An equal live value is shown as the files write it, so that a map the
  // API returns with its keys in another order does not read as a change.
  for (const field of Object.keys(before)) {
    if (jsonEqual(before[field], after[field])) before[field] = after[field];
  }
  const fields = Object.keys(sortFields({ ...before, ...after }));
  const changes = fields
    .filter((field) => !jsonEqual(before[field], after[field]))
    .map((field) => ({ field, before: before[field], after: after[field] }));

  const body: ConfigurationSettings = {};
  for (const key of changedKeys(changes)) {
    if (key === "notifications") {
      body.notifications = mergeNotifications(
        desired.notifications ?? {},
        live?.notifications,
      );
    } else {
      Object.assign(body, { [key]: desired[key] });
    }
  }
  return { before, after, changes, body };
}

/** Lists the top-level settings keys that field changes touch. */
function changedKeys(changes: FieldChange[]): (keyof ConfigurationSettings)[] {
  const keys = new Set(
    changes.map((change) => /^[a-z_]+/.exec(change.field)?.[0] ?? change.field),
  );
  return [...keys] as (keyof ConfigurationSettings)[];
}

/**
 * Flattens the fields of `settings` that `desired` manages, with the
 * comparison rules applied: defaults for null flags and booleans, sorted
 * sets, and the union of keys for maps matched by key.
 */
function flatten(
  desired: ConfigurationSettings,
  settings: ConfigurationSettings,
  policyName: (id: string) => string,
): FlatSettings {
  const flat: FlatSettings = {};
  if (desired.comment != null) {
    // An empty comment in the files equals a null or missing live one.
    const comment = settings.comment ?? undefined;
    flat.comment =
      comment === undefined && desired.comment === "" ? "" : comment;
  }
  if (desired.show_scan_confirmation != null) {
    flat.show_scan_confirmation = settings.show_scan_confirmation ?? false;
  }
  if (desired.risk_threshold != null) {
    flat.risk_threshold = settings.risk_threshold ?? undefined;
  }
  if (desired.analyzers != null) {
    Object.assign(flat, flattenAnalyzers(desired.analyzers, settings));
  }
  if (desired.code_policies != null) {
    const policies = Array.isArray(settings.code_policies)
      ? settings.code_policies
      : [];
    for (const policy of policies) {
      flat[`code_policies[${JSON.stringify(policyName(policy.id))}]`] =
        policyFlags(policy);
    }
    if (policies.length === 0) flat.code_policies = [];
  }
  if (desired.notifications != null) {
    Object.assign(flat, flattenNotifications(desired.notifications, settings));
  }
  return flat;
}

/**
 * Flattens the analyzers map, one field per slug. A null value is missing,
 * and false equals missing, so that an analyzer turned off compares equal
 * however the files and the API write it.
 */
function flattenAnalyzers(
  desired: Record<string, unknown>,
  settings: ConfigurationSettings,
): FlatSettings {
  const analyzers = isRecord(settings.analyzers) ? settings.analyzers : {};
  const flat: FlatSettings = {};
  for (const [slug, value] of Object.entries(analyzers)) {
    if (value == null || (value === false && desired[slug] === undefined)) {
      continue;
    }
    flat[`analyzers.${slug}`] = value;
  }
  for (const [slug, value] of Object.entries(desired)) {
    if (value === false && flat[`analyzers.${slug}`] === undefined) {
      flat[`analyzers.${slug}`] = false;
    }
  }
  // An empty map still shows, so that a plan lists every managed field.
  if (Object.keys(flat).length === 0) flat.analyzers = {};
  return flat;
}

function flattenNotifications(
  desired: NotificationSettings,
  settings: ConfigurationSettings,
): FlatSettings {
  const current = settings.notifications ?? {};
  const flat: FlatSettings = {};
  if (desired.enabled != null) {
    flat["notifications.enabled"] = current.enabled ?? false;
  }
  if (desired.deduplicate != null) {
    flat["notifications.deduplicate"] = current.deduplicate ?? false;
  }
  if (desired.integrationNames != null) {
    flat["notifications.integrations"] = [
      ...new Set(current.integrationNames ?? []),
    ].sort(compareStrings);
  }
  return flat;
}

/** Returns a code policy's flags, with the documented defaults for null. */
export function policyFlags(policy: CodePolicySetting) {
  return {
    enabled: policy.enabled ?? CODE_POLICY_DEFAULTS.enabled,
    silent: policy.silent ?? CODE_POLICY_DEFAULTS.silent,
    blocking: policy.blocking ?? CODE_POLICY_DEFAULTS.blocking,
  };
}

const FIELD_ORDER = [
  "comment",
  "show_scan_confirmation",
  "risk_threshold",
  "analyzers",
  "code_policies",
  "notifications",
];

/** Orders fields as the config format lists them, then by name. */
function sortFields(flat: FlatSettings): FlatSettings {
  const rank = (field: string) =>
    FIELD_ORDER.findIndex((prefix) => field.startsWith(prefix));
  const fields = Object.keys(flat).sort(
    (a, b) => rank(a) - rank(b) || compareStrings(a, b),
  );
  return Object.fromEntries(fields.map((field) => [field, flat[field]]));
}

function mergeNotifications(
  desired: NotificationSettings,
  live: NotificationSettings | null | undefined,
): NotificationSettings {
  const merged: NotificationSettings = {};
  for (const key of ["enabled", "deduplicate", "integrationNames"] as const) {
    const value = desired[key] ?? live?.[key];
    if (value != null) Object.assign(merged, { [key]: value });
  }
  return merged;
}
