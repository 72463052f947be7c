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

export interface SettingsDiff {
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
 */
export function diffSettings(
  desired: ConfigurationSettings,
  live: ConfigurationSettings | undefined,
  policyName: (id: string) => string,
): SettingsDiff {
  const current = live ?? {};
  const changes: FieldChange[] = [];
  const body: ConfigurationSettings = {};

  if (desired.comment !== undefined && desired.comment !== current.comment) {
    changes.push(change("comment", current.comment, desired.comment));
    body.comment = desired.comment;
  }
  const confirmation = desired.show_scan_confirmation;
  if (
    confirmation !== undefined &&
    confirmation !== (current.show_scan_confirmation ?? false)
  ) {
    changes.push(
      change(
        "show_scan_confirmation",
        current.show_scan_confirmation,
        confirmation,
      ),
    );
    body.show_scan_confirmation = confirmation;
  }
  const threshold = desired.risk_threshold;
  if (threshold !== undefined && threshold !== current.risk_threshold) {
    changes.push(change("risk_threshold", current.risk_threshold, threshold));
    body.risk_threshold = threshold;
  }
  if (desired.analyzers != null) {
    const analyzerChanges = diffAnalyzers(desired.analyzers, current.analyzers);
    if (analyzerChanges.length > 0) {
      changes.push(...analyzerChanges);
      body.analyzers = desired.analyzers;
    }
  }
  if (desired.code_policies != null) {
    const policyChanges = diffCodePolicies(
      desired.code_policies,
      current.code_policies,
      policyName,
    );
    if (policyChanges.length > 0) {
      changes.push(...policyChanges);
      body.code_policies = desired.code_policies;
    }
  }
  if (desired.notifications != null) {
    const notificationChanges = diffNotifications(
      desired.notifications,
      current.notifications,
    );
    if (notificationChanges.length > 0) {
      changes.push(...notificationChanges);
      body.notifications = mergeNotifications(
        desired.notifications,
        current.notifications,
      );
    }
  }
  return { changes, body };
}

function change(field: string, before: unknown, after: unknown): FieldChange {
  return { field, before: before ?? undefined, after };
}

function diffAnalyzers(
  desired: Record<string, unknown>,
  live: Record<string, unknown> | null | undefined,
): FieldChange[] {
  const current = isRecord(live) ? live : {};
  const slugs = [
    ...new Set([...Object.keys(current), ...Object.keys(desired)]),
  ];
  return slugs
    .sort()
    .filter((slug) => !jsonEqual(current[slug], desired[slug]))
    .map((slug) => change(`analyzers.${slug}`, current[slug], desired[slug]));
}

/** Returns a code policy's flags, with the documented defaults for null. */
export function policyFlags(policy: CodePolicySetting) {
  return {
    enabled: policy.enabled ?? CODE_POLICY_DEFAULTS.enabled,
    silent: policy.silent ?? CODE_POLICY_DEFAULTS.silent,
    blocking: policy.blocking ?? CODE_POLICY_DEFAULTS.blocking,
  };
}

function diffCodePolicies(
  desired: CodePolicySetting[],
  live: CodePolicySetting[] | null | undefined,
  policyName: (id: string) => string,
): FieldChange[] {
  const byId = (list: CodePolicySetting[]) =>
    new Map(
      list.map((policy) => [policy.id.toLowerCase(), policyFlags(policy)]),
    );
  const current = byId(Array.isArray(live) ? live : []);
  const wanted = byId(desired);
  const ids = [...new Set([...current.keys(), ...wanted.keys()])];
  return ids
    .filter((id) => !jsonEqual(current.get(id), wanted.get(id)))
    .map((id) =>
      change(
        `code_policies[${JSON.stringify(policyName(id))}]`,
        current.get(id),
        wanted.get(id),
      ),
    )
    .sort((a, b) => compareStrings(a.field, b.field));
}

function diffNotifications(
  desired: NotificationSettings,
  live: NotificationSettings | null | undefined,
): FieldChange[] {
  const current = live ?? {};
  const changes: FieldChange[] = [];
  for (const key of ["enabled", "deduplicate"] as const) {
    const wanted = desired[key];
    if (wanted != null && wanted !== (current[key] ?? false)) {
      changes.push(change(`notifications.${key}`, current[key], wanted));
    }
  }
  const integrations = desired.integrationNames;
  if (integrations != null) {
    const existing = current.integrationNames ?? [];
    if (!sameSet(existing, integrations)) {
      changes.push(
        change(
          "notifications.integrations",
          [...existing].sort(),
          [...integrations].sort(),
        ),
      );
    }
  }
  return changes;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((item) => right.has(item));
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
