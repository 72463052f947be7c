import type { Configuration, ConfigurationSettings } from "../api/index.js";
import type {
  DesiredAccount,
  DesiredConfiguration,
  Diagnostic,
} from "../config/index.js";
import type { LiveSnapshot } from "../state/index.js";
import { resolveClaims, type ClaimResolution } from "./claims.js";
import { configurationKey } from "../util/names.js";
import { runLiveRules } from "./live-rules.js";
import { RepositoryIndex } from "./repository-index.js";
import { Catalog, resolveSettings } from "./resolve-settings.js";

export interface ResolvedConfiguration {
  desired: DesiredConfiguration;
  /** The live configuration it manages, or undefined if it is to be created. */
  live: Configuration | undefined;
  /** The managed settings in the API's shape. */
  settings: ConfigurationSettings;
}

/** The desired state of an account with every name turned into an id. */
export interface ResolvedAccount {
  desired: DesiredAccount;
  snapshot: LiveSnapshot;
  catalog: Catalog;
  index: RepositoryIndex;
  configurations: ResolvedConfiguration[];
  claims: ClaimResolution;
  /** The problems the live rules found. */
  diagnostics: Diagnostic[];
}

/**
 * Resolves a desired account against its live snapshot: policy names to ids,
 * repository names, ids and globs to repositories, and each configuration to
 * the live one it manages, by name or by a previous name.
 */
export function resolveAccount(
  desired: DesiredAccount,
  snapshot: LiveSnapshot,
): ResolvedAccount {
  const catalog = new Catalog(snapshot.customPolicies, snapshot.analyzers);
  const index = new RepositoryIndex(
    snapshot.repositories,
    desired.settings.caseSensitiveNames,
  );
  const live = matchLiveConfigurations(
    desired.configurations,
    snapshot.configurations,
  );

  const configurations = desired.configurations.map((configuration, index) => ({
    desired: configuration,
    live: live[index],
    settings: resolveSettings(configuration, catalog),
  }));

  // A declared configuration without `repositories` keeps its repositories:
  // the files do not manage its assignments, so the default takes none.
  const keepsRepositories = new Set(
    configurations.flatMap(({ desired: declared, live: match }) =>
      declared.repositories === undefined && match ? [match.id] : [],
    ),
  );
  const claims = resolveClaims(desired, index, keepsRepositories);
  const resolved = {
    desired,
    snapshot,
    catalog,
    index,
    configurations,
    claims,
  };
  return { ...resolved, diagnostics: runLiveRules(resolved) };
}

/**
 * Pairs desired configurations with live ones in three passes: exact names
 * first, then names that differ only in case, then previous names, which
 * compare without case as names do. Passes rather than one search per
 * configuration, so that a previous name never takes a live configuration
 * that another one names, and a configuration whose name exists in another
 * case is not renamed onto it. Each live configuration is managed by at most
 * one desired configuration.
 */
function matchLiveConfigurations(
  desired: readonly DesiredConfiguration[],
  live: readonly Configuration[],
): (Configuration | undefined)[] {
  const matches = new Array<Configuration | undefined>(desired.length);
  const taken = new Set<string>();
  const passes = [
    (configuration: DesiredConfiguration, candidate: Configuration) =>
      normalized(candidate.name) === configuration.name.value,
    (configuration: DesiredConfiguration, candidate: Configuration) =>
      configurationKey(candidate.name) ===
      configurationKey(configuration.name.value),
    (configuration: DesiredConfiguration, candidate: Configuration) =>
      configuration.previousNames.some(
        (previous) =>
          configurationKey(previous.value) === configurationKey(candidate.name),
      ),
  ];
  for (const test of passes) {
    desired.forEach((configuration, index) => {
      if (matches[index] !== undefined) return;
      const found = live.find(
        (candidate) =>
          !taken.has(candidate.id) && test(configuration, candidate),
      );
      if (found === undefined) return;
      taken.add(found.id);
      matches[index] = found;
    });
  }
  return matches;
}

function normalized(name: string): string {
  return name.normalize("NFC");
}
