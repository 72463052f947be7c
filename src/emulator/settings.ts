/** Defaults of a configuration's settings, and merging partial settings. */
import type {
  CodePolicySeed,
  CodePolicySetting,
  ConfigurationSettings,
  NotificationSettings,
  SettingsSeed,
} from "./seed.js";

/** The settings keys that clients may send, in the order responses use. */
export const SETTING_KEYS = [
  "comment",
  "show_scan_confirmation",
  "risk_threshold",
  "analyzers",
  "code_policies",
  "notifications",
] as const;

/** The platform runs at most this many custom code policies per repository. */
export const MAX_ENABLED_CODE_POLICIES = 7;

export function defaultNotifications(): NotificationSettings {
  return { enabled: false, deduplicate: false, integrationNames: [] };
}

/** Returns the settings of a configuration created with empty settings. */
export function defaultSettings(): ConfigurationSettings {
  return {
    comment: "disabled",
    show_scan_confirmation: false,
    risk_threshold: 0,
    analyzers: {},
    code_policies: [],
    notifications: defaultNotifications(),
  };
}

/**
 * Fills the keys that `partial` leaves out with their defaults, also inside
 * `notifications` and each code policy. Extra keys are kept unchanged.
 */
export function completeSettings(partial: SettingsSeed): ConfigurationSettings {
  const defaults = defaultSettings();
  return {
    ...defaults,
    ...partial,
    code_policies: (partial.code_policies ?? []).map(completeCodePolicy),
    notifications: { ...defaults.notifications, ...partial.notifications },
  };
}

/** Sets the flags that a code policy entry leaves out to null. */
export function completeCodePolicy(policy: CodePolicySeed): CodePolicySetting {
  return {
    ...policy,
    enabled: policy.enabled ?? null,
    silent: policy.silent ?? null,
    blocking: policy.blocking ?? null,
  };
}

/**
 * Replaces each top-level key of `stored` that `changes` contains. A
 * `notifications` object in `changes` replaces the stored one as a whole.
 */
export function mergeSettings(
  stored: ConfigurationSettings,
  changes: Partial<ConfigurationSettings>,
): ConfigurationSettings {
  return { ...stored, ...changes };
}
