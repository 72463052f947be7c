import { sortBy } from "../util/compare.js";
import { displayName } from "../util/display-path.js";
import type { AccountPlan } from "../plan/index.js";
import { RepositoryIndex } from "../plan/repository-index.js";
import {
  fingerprintSnapshot,
  repositoryHash,
  type LiveSnapshot,
} from "../state/index.js";
import { plural } from "../plan/format-value.js";

/**
 * Compares what a saved plan read with the account as it is now, and
 * describes every difference: configurations created, deleted, renamed or
 * changed, repositories added, removed or moved, policies or analyzers
 * changed, and patterns that now match other repositories. An empty list
 * means the plan is still current.
 */
export function findStaleness(
  plan: AccountPlan,
  snapshot: LiveSnapshot,
): string[] {
  const recorded = plan.state.fingerprints;
  const current = fingerprintSnapshot(snapshot);
  const changes: string[] = [];

  for (const [id, before] of Object.entries(recorded.configurations)) {
    const after = current.configurations[id];
    const name = JSON.stringify(before.name);
    if (after === undefined) {
      changes.push(`configuration ${name} was deleted since the plan`);
      continue;
    }
    if (after.name !== before.name) {
      changes.push(
        `configuration ${name} was renamed to ${JSON.stringify(after.name)} since the plan`,
      );
    }
    const keys = new Set([
      ...Object.keys(before.fields),
      ...Object.keys(after.fields),
    ]);
    for (const key of [...keys].sort()) {
      if (before.fields[key] !== after.fields[key]) {
        changes.push(`configuration ${name}: ${key} changed since the plan`);
      }
    }
  }
  for (const configuration of snapshot.configurations) {
    if (recorded.configurations[configuration.id] === undefined) {
      changes.push(
        `configuration ${JSON.stringify(configuration.name)} was created since the plan`,
      );
    }
  }

  changes.push(...repositoryChanges(plan, snapshot));
  if (recorded.custom_policies !== current.custom_policies) {
    changes.push("the custom policies of the account changed since the plan");
  }
  if (recorded.analyzers !== current.analyzers) {
    changes.push("the analyzers of the account changed since the plan");
  }
  changes.push(...patternChanges(plan, snapshot));
  return changes;
}

function repositoryChanges(
  plan: AccountPlan,
  snapshot: LiveSnapshot,
): string[] {
  const recorded = plan.state.fingerprints.repositories;
  const names = new Map(snapshot.configurations.map((c) => [c.id, c.name]));
  const changes: string[] = [];
  const seen = new Set<string>();
  const repositories = sortBy(
    snapshot.repositories,
    (repository) => repository.name,
  );
  for (const repository of repositories) {
    seen.add(repository.id);
    const before = recorded[repository.id];
    if (before === undefined) {
      changes.push(
        `repository ${displayName(repository.name)} was added since the plan`,
      );
    } else if (before !== repositoryHash(repository)) {
      const now = repository.configuration_id
        ? `configuration ${JSON.stringify(names.get(repository.configuration_id) ?? repository.configuration_id)}`
        : "no configuration";
      changes.push(
        `repository ${displayName(repository.name)} changed since the plan: it now has ${now}`,
      );
    }
  }
  const removed = Object.keys(recorded).filter((id) => !seen.has(id));
  if (removed.length > 0) {
    changes.push(
      `${plural(removed.length, "repository was", "repositories were")} removed since the plan`,
    );
  }
  return changes;
}

function patternChanges(plan: AccountPlan, snapshot: LiveSnapshot): string[] {
  const index = new RepositoryIndex(
    snapshot.repositories,
    plan.state.caseSensitiveNames,
  );
  const changes: string[] = [];
  for (const recorded of plan.state.patterns) {
    const before = new Set(recorded.repositories);
    const now = index.byPattern(recorded.pattern);
    const added = now.filter((repository) => !before.has(repository.id));
    const removed = recorded.repositories.length - (now.length - added.length);
    const where = `pattern ${JSON.stringify(recorded.pattern)} of configuration ${JSON.stringify(recorded.configuration)}`;
    if (added.length > 0) {
      const names = added
        .map((repository) => displayName(repository.name))
        .join(", ");
      changes.push(
        `${where} now matches ${plural(added.length, "more repository", "more repositories")}: ${names}`,
      );
    }
    if (removed > 0) {
      changes.push(
        `${where} now matches ${plural(removed, "fewer repository", "fewer repositories")}`,
      );
    }
  }
  return changes;
}
