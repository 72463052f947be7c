import type { Configuration, ConfigurationSettings } from "../api/index.js";
import { isRecord } from "../util/record.js";
import type { ImpactContext, Strictness } from "./impact.js";
import type { ResolvedAccount } from "./resolve.js";
import type { PlannedChange } from "./types.js";

/**
 * Describes the account as it will be after the plan, for the impact
 * rules: each configuration's strictness (enabled code policies and
 * analyzers) and its number of repositories. Names resolve both as the
 * files name a configuration and as the account names it today, so a
 * renamed configuration is found either way.
 */
export function afterThePlan(
  resolved: ResolvedAccount,
  deletes: readonly PlannedChange[],
): ImpactContext {
  const strictness = new Map<string, Strictness>();
  const ownerName = new Map<string, string>();
  const managed = new Set<string>();

  for (const configuration of resolved.configurations) {
    const settings = {
      ...configuration.live?.configuration,
      ...configuration.settings,
    };
    const measured = measure(settings);
    strictness.set(configuration.desired.name.value, measured);
    if (configuration.live) {
      strictness.set(configuration.live.name, measured);
      ownerName.set(configuration.live.id, configuration.desired.name.value);
      managed.add(configuration.live.id);
    }
  }
  for (const live of resolved.snapshot.configurations) {
    if (managed.has(live.id)) continue;
    strictness.set(live.name, measure(live.configuration ?? {}));
    ownerName.set(live.id, live.name);
  }

  const deleted = new Set(
    deletes.map((change) => change.configurations[0]?.id),
  );
  const counts = new Map<string, number>();
  for (const repository of resolved.snapshot.repositories) {
    const claim = resolved.claims.winners.get(repository.id);
    const current = repository.configuration_id;
    const owner = claim
      ? claim.configuration
      : current !== null && !deleted.has(current)
        ? ownerName.get(current)
        : undefined;
    if (owner !== undefined) counts.set(owner, (counts.get(owner) ?? 0) + 1);
  }
  return {
    strictness: (name) => strictness.get(name) ?? { policies: 0, analyzers: 0 },
    repositories: (name) => counts.get(name) ?? 0,
  };
}

function measure(
  settings: ConfigurationSettings | Configuration["configuration"],
): Strictness {
  const policies = Array.isArray(settings?.code_policies)
    ? settings.code_policies.filter((policy) => policy.enabled !== false).length
    : 0;
  const analyzers = isRecord(settings?.analyzers)
    ? Object.values(settings.analyzers).filter(
        (value) =>
          value === true || (isRecord(value) && value.enabled !== false),
      ).length
    : 0;
  return { policies, analyzers };
}
