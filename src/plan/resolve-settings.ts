import type {
  Analyzer,
  CodePolicySetting,
  ConfigurationSettings,
  CustomPolicy,
} from "../api/index.js";
import type {
  Diagnostic,
  DesiredConfiguration,
  DesiredCodePolicy,
} from "../config/index.js";
import { closestMatches, didYouMean } from "../util/suggest.js";
import { isUuid } from "../util/uuid.js";

/** The policies and analyzers of an account, indexed for resolution. */
export class Catalog {
  readonly #policiesById = new Map<string, CustomPolicy>();
  readonly #policiesByName = new Map<string, CustomPolicy[]>();
  readonly #analyzerSlugs: Set<string>;

  constructor(
    policies: readonly CustomPolicy[],
    analyzers: readonly Analyzer[],
  ) {
    for (const policy of policies) {
      this.#policiesById.set(policy.id.toLowerCase(), policy);
      const name = policy.name.normalize("NFC");
      this.#policiesByName.set(name, [
        ...(this.#policiesByName.get(name) ?? []),
        policy,
      ]);
    }
    this.#analyzerSlugs = new Set(analyzers.map((analyzer) => analyzer.slug));
  }

  policyById(id: string): CustomPolicy | undefined {
    return this.#policiesById.get(id.toLowerCase());
  }

  policyName(id: string): string {
    return this.policyById(id)?.name ?? id;
  }

  policiesNamed(name: string): CustomPolicy[] {
    return this.#policiesByName.get(name) ?? [];
  }

  policyNames(): string[] {
    return [...this.#policiesByName.keys()];
  }

  hasAnalyzer(slug: string): boolean {
    return this.#analyzerSlugs.has(slug);
  }

  analyzerSlugs(): string[] {
    return [...this.#analyzerSlugs];
  }
}

/**
 * Turns a configuration's desired settings into the API's shape: code
 * policies by id, integrations as `integrationNames`. Unknown analyzer slugs
 * and unknown or ambiguous policies become errors.
 */
export function resolveSettings(
  configuration: DesiredConfiguration,
  catalog: Catalog,
): { settings: ConfigurationSettings; diagnostics: Diagnostic[] } {
  const desired = configuration.settings;
  const diagnostics: Diagnostic[] = [];
  const settings: ConfigurationSettings = {};

  if (desired.comment !== undefined) settings.comment = desired.comment;
  if (desired.show_scan_confirmation !== undefined) {
    settings.show_scan_confirmation = desired.show_scan_confirmation;
  }
  if (desired.risk_threshold !== undefined) {
    settings.risk_threshold = desired.risk_threshold;
  }
  if (desired.analyzers !== undefined) {
    settings.analyzers = { ...desired.analyzers };
    diagnostics.push(...checkAnalyzers(configuration, catalog));
  }
  if (desired.code_policies !== undefined) {
    const policies: CodePolicySetting[] = [];
    for (const entry of desired.code_policies) {
      const resolved = resolvePolicy(entry, configuration, catalog);
      if ("diagnostic" in resolved) diagnostics.push(resolved.diagnostic);
      else policies.push(resolved.setting);
    }
    settings.code_policies = policies;
  }
  if (desired.notifications !== undefined) {
    const { enabled, deduplicate, integrations } = desired.notifications;
    settings.notifications = {};
    if (enabled !== undefined) settings.notifications.enabled = enabled;
    if (deduplicate !== undefined) {
      settings.notifications.deduplicate = deduplicate;
    }
    if (integrations !== undefined) {
      settings.notifications.integrationNames = [...integrations];
    }
  }
  return { settings, diagnostics };
}

function checkAnalyzers(
  configuration: DesiredConfiguration,
  catalog: Catalog,
): Diagnostic[] {
  return Object.keys(configuration.settings.analyzers ?? {})
    .filter((slug) => !catalog.hasAnalyzer(slug))
    .map((slug) => ({
      severity: "error",
      rule: "unknown-analyzer",
      message: `configuration "${configuration.name.value}": unknown analyzer "${slug}"`,
      location:
        configuration.settingLocations[`analyzers.${slug}`] ??
        configuration.name.location,
      hint:
        didYouMean(closestMatches(slug, catalog.analyzerSlugs())) ??
        "run `dryrun-config list analyzers` to see the slugs",
    }));
}

function resolvePolicy(
  entry: DesiredCodePolicy,
  configuration: DesiredConfiguration,
  catalog: Catalog,
): { setting: CodePolicySetting } | { diagnostic: Diagnostic } {
  const setting = (id: string) => ({
    setting: {
      id,
      enabled: entry.enabled,
      silent: entry.silent,
      blocking: entry.blocking,
    },
  });
  const where = `configuration "${configuration.name.value}"`;

  if (isUuid(entry.policy)) {
    const policy = catalog.policyById(entry.policy);
    if (policy) return setting(policy.id);
  }
  const named = catalog.policiesNamed(entry.policy);
  if (named.length === 1 && named[0]) return setting(named[0].id);

  if (named.length > 1) {
    const ids = named.map((policy) => policy.id).join(", ");
    return {
      diagnostic: {
        severity: "error",
        rule: "ambiguous-code-policy",
        message: `${where}: ${named.length} custom policies are named "${entry.policy}" (${ids})`,
        location: entry.location,
        hint: "refer to the policy by its id instead of its name",
      },
    };
  }
  const kind = isUuid(entry.policy) ? "id" : "name";
  return {
    diagnostic: {
      severity: "error",
      rule: "unknown-code-policy",
      message: `${where}: no custom policy has the ${kind} "${entry.policy}"`,
      location: entry.location,
      hint:
        didYouMean(closestMatches(entry.policy, catalog.policyNames())) ??
        "run `dryrun-config list policies` to see the names and ids",
    },
  };
}
