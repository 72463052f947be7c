import type { Diagnostic, SourceLocation } from "./diagnostics.js";
import {
  CODE_POLICY_DEFAULTS,
  DEFAULT_THRESHOLD_PERCENT,
  type AccountSettings,
  type DesiredAccount,
  type DesiredConfiguration,
  type DesiredSettings,
  type DesiredState,
  type Located,
  type RepositoryClaims,
} from "./desired.js";
import { locate, type NodePath, type SourceDocument } from "./source.js";
import { compileGlob } from "../util/glob.js";
import type {
  WrittenConfiguration,
  WrittenFile,
  WrittenSettings,
} from "./written.js";

interface AccountFiles {
  account: Located<string>;
  files: { source: SourceDocument; written: WrittenFile }[];
}

/**
 * Builds the desired state from files that passed the schema: groups them by
 * account, merges the account's `defaults` into each configuration, fills in
 * code policy defaults, and splits repository entries into exact names and
 * patterns.
 */
export function normalize(sources: readonly SourceDocument[]): {
  state: DesiredState;
  diagnostics: Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const accounts: DesiredAccount[] = [];
  for (const group of groupByAccount(sources)) {
    const settingsFiles = group.files.filter((file) => file.written.settings);
    diagnostics.push(...duplicateSettings(settingsFiles));

    const settingsFile = settingsFiles[0];
    const settings = normalizeAccountSettings(settingsFile);
    const defaults = settingsFile?.written.settings?.defaults;
    const configurations = group.files.flatMap(({ source, written }) =>
      (written.configurations ?? []).map((configuration, index) =>
        normalizeConfiguration(configuration, {
          at: (path, part) =>
            locate(source, ["configurations", index, ...path], part),
          defaults: defaults ?? {},
          atDefault: (path) =>
            locate(settingsFile!.source, ["settings", "defaults", ...path]),
        }),
      ),
    );
    accounts.push({ account: group.account, settings, configurations });
  }
  return { state: { accounts }, diagnostics };
}

function groupByAccount(sources: readonly SourceDocument[]): AccountFiles[] {
  const groups = new Map<string, AccountFiles>();
  for (const source of sources) {
    const written = source.value as WrittenFile | null | undefined;
    if (written === null || written === undefined) continue;
    const key = written.account.normalize("NFC");
    let group = groups.get(key);
    if (group === undefined) {
      const location = locate(source, ["account"]);
      group = { account: { value: key, location }, files: [] };
      groups.set(key, group);
    }
    group.files.push({ source, written });
  }
  return [...groups.values()];
}

function duplicateSettings(
  files: { source: SourceDocument; written: WrittenFile }[],
): Diagnostic[] {
  const [first, ...rest] = files;
  if (first === undefined) return [];
  const firstLocation = locate(first.source, ["settings"], "key");
  return rest.map(({ source, written }) => ({
    severity: "error",
    rule: "duplicate-account-settings",
    message: `settings for account "${written.account}" are already set at ${firstLocation.file}:${firstLocation.line}`,
    location: locate(source, ["settings"], "key"),
    hint: "keep one `settings` block per account and merge the two",
  }));
}

function normalizeAccountSettings(
  file: { source: SourceDocument; written: WrittenFile } | undefined,
): AccountSettings {
  const written = file?.written.settings;
  const at = (path: NodePath) => locate(file!.source, ["settings", ...path]);
  const prune = written?.prune ?? false;
  return {
    prune: Array.isArray(prune)
      ? prune.map((value, index) => ({ value, location: at(["prune", index]) }))
      : prune,
    defaultConfiguration:
      written?.default_configuration === undefined
        ? undefined
        : {
            value: written.default_configuration.normalize("NFC"),
            location: at(["default_configuration"]),
          },
    caseSensitiveNames: written?.repository_names === "case-sensitive",
    maxDeletePercent:
      written?.thresholds?.max_delete_percent ?? DEFAULT_THRESHOLD_PERCENT,
    maxMovedRepositoriesPercent:
      written?.thresholds?.max_moved_repositories_percent ??
      DEFAULT_THRESHOLD_PERCENT,
    location: file ? locate(file.source, ["settings"], "key") : undefined,
  };
}

interface NormalizeContext {
  at: (path: NodePath, part?: "key" | "value") => Located<string>["location"];
  defaults: WrittenSettings;
  atDefault: (path: NodePath) => Located<string>["location"];
}

function normalizeConfiguration(
  written: WrittenConfiguration,
  context: NormalizeContext,
): DesiredConfiguration {
  const { at } = context;
  return {
    name: { value: written.name.normalize("NFC"), location: at(["name"]) },
    previousNames: (written.previous_names ?? []).map((name, index) => ({
      value: name.normalize("NFC"),
      location: at(["previous_names", index]),
    })),
    settings: mergeSettings(written, context),
    settingLocations: settingLocations(written, context),
    repositories:
      written.repositories === undefined
        ? undefined
        : normalizeRepositories(written.repositories, at),
  };
}

/**
 * Merges the account defaults into a configuration's own settings. Scalars
 * and `code_policies` are taken whole from the configuration when it sets
 * them; `analyzers` and `notifications` are merged key by key, the
 * configuration's keys winning.
 */
function mergeSettings(
  written: WrittenSettings,
  context: NormalizeContext,
): DesiredSettings {
  const { defaults } = context;
  const settings: DesiredSettings = {};
  const comment = written.comment ?? defaults.comment;
  if (comment !== undefined) settings.comment = comment;
  const confirmation =
    written.show_scan_confirmation ?? defaults.show_scan_confirmation;
  if (confirmation !== undefined) {
    settings.show_scan_confirmation = confirmation;
  }
  const threshold = written.risk_threshold ?? defaults.risk_threshold;
  if (threshold !== undefined) settings.risk_threshold = threshold;

  if (written.analyzers !== undefined || defaults.analyzers !== undefined) {
    settings.analyzers = { ...defaults.analyzers, ...written.analyzers };
  }

  const ownPolicies = written.code_policies !== undefined;
  const policies = written.code_policies ?? defaults.code_policies;
  if (policies !== undefined) {
    settings.code_policies = policies.map((entry, index) => ({
      policy: entry.policy.normalize("NFC"),
      enabled: entry.enabled ?? CODE_POLICY_DEFAULTS.enabled,
      silent: entry.silent ?? CODE_POLICY_DEFAULTS.silent,
      blocking: entry.blocking ?? CODE_POLICY_DEFAULTS.blocking,
      location: ownPolicies
        ? context.at(["code_policies", index])
        : context.atDefault(["code_policies", index]),
    }));
  }

  const notifications = { ...defaults.notifications, ...written.notifications };
  if (written.notifications !== undefined || defaults.notifications) {
    settings.notifications = notifications;
  }
  return settings;
}

function settingLocations(
  written: WrittenSettings,
  context: NormalizeContext,
): Record<string, SourceLocation> {
  const locations: Record<string, SourceLocation> = {};
  const record = (path: string[], own: boolean) => {
    locations[path.join(".")] = own
      ? context.at(path, "key")
      : context.atDefault(path);
  };
  const { defaults } = context;
  for (const field of SCALAR_FIELDS) {
    if (written[field] !== undefined) record([field], true);
    else if (defaults[field] !== undefined) record([field], false);
  }
  for (const group of ["analyzers", "notifications"] as const) {
    const own = Object.keys(written[group] ?? {});
    const inherited = Object.keys(defaults[group] ?? {});
    for (const key of inherited) record([group, key], false);
    for (const key of own) record([group, key], true);
  }
  return locations;
}

const SCALAR_FIELDS = [
  "comment",
  "show_scan_confirmation",
  "risk_threshold",
  "code_policies",
] as const;

function normalizeRepositories(
  written: NonNullable<WrittenConfiguration["repositories"]>,
  at: NormalizeContext["at"],
): RepositoryClaims {
  const lists = Array.isArray(written) ? { include: written } : written;
  const base: NodePath = ["repositories"];
  const located = (key: string, values: string[] | undefined) =>
    (values ?? []).map((value, index) => ({
      value: value.normalize("NFC"),
      location: at(
        Array.isArray(written) ? [...base, index] : [...base, key, index],
      ),
    }));

  const include = located("include", lists.include);
  return {
    names: [
      ...located("names", lists.names),
      ...include.filter((entry) => !isPattern(entry.value)),
    ],
    ids: located("ids", lists.ids),
    include: include.filter((entry) => isPattern(entry.value)),
    exclude: located("exclude", lists.exclude),
    location: at(base, "key"),
  };
}

/**
 * Tells whether a repository entry is a glob rather than an exact name.
 * Braces, a bracket expression and a backslash make it a glob even where
 * minimatch reads the result as plain text (`{a,b}`, `[p]x`, `a\{b\}`), so
 * that include reads an entry as exclude and prune do.
 */
export function isPattern(value: string): boolean {
  if (/[[{\\]/.test(value)) return true;
  try {
    return compileGlob(value, true).hasMagic();
  } catch {
    // The invalid-pattern rule reports why minimatch rejects it.
    return true;
  }
}
