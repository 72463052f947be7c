import type {
  Analyzer,
  ConfigurationSettings,
  CustomPolicy,
  NotificationSettings,
} from "../api/index.js";
import type {
  DesiredConfiguration,
  DesiredNotifications,
} from "../config/index.js";
import { isUuid } from "../util/uuid.js";

export type PolicyLookup =
  | { kind: "found"; policy: CustomPolicy }
  | { kind: "ambiguous"; candidates: CustomPolicy[] }
  | { kind: "unknown" };

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

  /**
   * Looks a code policy up as the files refer to it: by id when the
   * reference is the id of a policy, otherwise by exact name.
   */
  lookupPolicy(reference: string): PolicyLookup {
    const byId = isUuid(reference) ? this.policyById(reference) : undefined;
    if (byId) return { kind: "found", policy: byId };
    const named = this.#policiesByName.get(reference) ?? [];
    if (named.length === 1 && named[0])
      return { kind: "found", policy: named[0] };
    if (named.length > 1) return { kind: "ambiguous", candidates: named };
    return { kind: "unknown" };
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
 * policies by id, integrations as `integrationNames`. A policy that does not
 * resolve is left out; the live rules report it.
 */
export function resolveSettings(
  configuration: DesiredConfiguration,
  catalog: Catalog,
): ConfigurationSettings {
  const desired = configuration.settings;
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
  }
  if (desired.code_policies !== undefined) {
    settings.code_policies = desired.code_policies.flatMap((entry) => {
      const lookup = catalog.lookupPolicy(entry.policy);
      if (lookup.kind !== "found") return [];
      const { enabled, silent, blocking } = entry;
      return [{ id: lookup.policy.id, enabled, silent, blocking }];
    });
  }
  if (desired.notifications !== undefined) {
    settings.notifications = resolveNotifications(desired.notifications);
  }
  return settings;
}

function resolveNotifications(
  desired: DesiredNotifications,
): NotificationSettings {
  const notifications: NotificationSettings = {};
  if (desired.enabled !== undefined) notifications.enabled = desired.enabled;
  if (desired.deduplicate !== undefined) {
    notifications.deduplicate = desired.deduplicate;
  }
  if (desired.integrations !== undefined) {
    notifications.integrationNames = [...desired.integrations];
  }
  return notifications;
}
