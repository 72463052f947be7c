import { stringify } from "yaml";
import {
  CODE_POLICY_DEFAULTS,
  DEFAULT_THRESHOLD_PERCENT,
  type DesiredAccount,
  type DesiredConfiguration,
} from "./desired.js";
import type {
  WrittenAccountSettings,
  WrittenCodePolicy,
  WrittenConfiguration,
  WrittenFile,
} from "./written.js";

/**
 * Turns a desired account back into the file a person would write: values
 * equal to their defaults are left out and `defaults` are written into each
 * configuration. Loading the result gives the same desired state.
 */
export function toWrittenFile(account: DesiredAccount): WrittenFile {
  const file: WrittenFile = { account: account.account.value };
  const settings = toWrittenSettings(account);
  if (Object.keys(settings).length > 0) file.settings = settings;
  file.configurations = account.configurations.map(toWrittenConfiguration);
  return file;
}

function toWrittenSettings(account: DesiredAccount): WrittenAccountSettings {
  const { settings } = account;
  const written: WrittenAccountSettings = {};
  if (settings.prune !== false) {
    written.prune = Array.isArray(settings.prune)
      ? settings.prune.map((entry) => entry.value)
      : settings.prune;
  }
  if (settings.defaultConfiguration) {
    written.default_configuration = settings.defaultConfiguration.value;
  }
  if (settings.caseSensitiveNames) written.repository_names = "case-sensitive";
  const thresholds: NonNullable<WrittenAccountSettings["thresholds"]> = {};
  if (settings.maxDeletePercent !== DEFAULT_THRESHOLD_PERCENT) {
    thresholds.max_delete_percent = settings.maxDeletePercent;
  }
  if (settings.maxMovedRepositoriesPercent !== DEFAULT_THRESHOLD_PERCENT) {
    thresholds.max_moved_repositories_percent =
      settings.maxMovedRepositoriesPercent;
  }
  if (Object.keys(thresholds).length > 0) written.thresholds = thresholds;
  return written;
}

function toWrittenConfiguration(
  configuration: DesiredConfiguration,
): WrittenConfiguration {
  const { settings } = configuration;
  const written: WrittenConfiguration = { name: configuration.name.value };
  if (configuration.previousNames.length > 0) {
    written.previous_names = configuration.previousNames.map((n) => n.value);
  }
  if (settings.comment !== undefined) written.comment = settings.comment;
  if (settings.show_scan_confirmation !== undefined) {
    written.show_scan_confirmation = settings.show_scan_confirmation;
  }
  if (settings.risk_threshold !== undefined) {
    written.risk_threshold = settings.risk_threshold;
  }
  if (settings.analyzers !== undefined) written.analyzers = settings.analyzers;
  if (settings.code_policies !== undefined) {
    written.code_policies = settings.code_policies.map(toWrittenPolicy);
  }
  if (settings.notifications !== undefined) {
    written.notifications = { ...settings.notifications };
  }
  const claims = configuration.repositories;
  if (claims !== undefined) {
    const lists = {
      names: claims.names.map((entry) => entry.value),
      ids: claims.ids.map((entry) => entry.value),
      include: claims.include.map((entry) => entry.value),
      exclude: claims.exclude.map((entry) => entry.value),
    };
    const used = Object.entries(lists).filter(([, values]) => values.length);
    written.repositories = used.length === 0 ? [] : Object.fromEntries(used);
  }
  return written;
}

function toWrittenPolicy(policy: {
  policy: string;
  enabled: boolean;
  silent: boolean;
  blocking: boolean;
}): WrittenCodePolicy {
  const written: WrittenCodePolicy = { policy: policy.policy };
  for (const flag of ["enabled", "silent", "blocking"] as const) {
    if (policy[flag] !== CODE_POLICY_DEFAULTS[flag])
      written[flag] = policy[flag];
  }
  return written;
}

/**
 * Formats a config file as YAML 1.2, starting with the schema modeline and
 * an optional comment.
 */
export function stringifyConfigFile(
  file: WrittenFile,
  options: { schemaPath: string; comment?: string },
): string {
  const comment = options.comment
    ? options.comment
        .split("\n")
        .map((line) => (line ? `# ${line}` : "#"))
        .join("\n") + "\n"
    : "";
  // Strings that YAML 1.1 reads as booleans or numbers, such as `no`, are
  // quoted, so that older YAML tools read the file the same way.
  const body = stringify(file, {
    version: "1.2",
    compat: "yaml-1.1",
    lineWidth: 0,
  });
  return `# yaml-language-server: $schema=${options.schemaPath}\n${comment}${body}`;
}
