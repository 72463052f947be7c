import type { Configuration, Repository } from "../api/index.js";
import { accountPath, configurationPath } from "../api/paths.js";
import { canonicalJson } from "../util/equal.js";
import { compareStrings, sortBy } from "../util/compare.js";
import {
  diffSettings,
  type FieldChange,
  type FlatSettings,
} from "./compare.js";
import { compileGlob } from "../util/glob.js";
import { configurationKey } from "../util/names.js";
import type { ResolvedAccount, ResolvedConfiguration } from "./resolve.js";
import { fingerprintSnapshot } from "../state/index.js";
import { afterThePlan } from "./after-plan.js";
import { classifyChange, type ChangeImpact } from "./impact.js";
import { measureSafety } from "./safety.js";
import {
  ACTIONS,
  type AccountPlan,
  type ConfigurationRef,
  type PlannedChange,
  type PlanState,
  type RecordedPattern,
  type RepositoryMove,
} from "./types.js";

/**
 * Computes the plan of an account from its resolved desired state: the
 * fewest API calls that make the account match the files. Changes come in a
 * fixed order (create, update, bulk_update, assign, delete) and sorted by
 * name inside each action, so equal inputs give equal plans.
 */
export function buildPlan(
  resolved: ResolvedAccount,
  options: PlanOptions = {},
): AccountPlan {
  const accountId = resolved.snapshot.account.account_id;
  const context = new PlanContext(resolved);
  const selected = selector(options);

  const creates: PlannedChange[] = [];
  const updates: PendingUpdate[] = [];
  const assigns: PlannedChange[] = [];
  for (const configuration of resolved.configurations) {
    const names = [configuration.desired.name.value, configuration.live?.name];
    if (!selected(...names)) continue;
    const claimed = context.claimedRepositories(configuration);
    if (configuration.live === undefined) {
      creates.push(createChange(accountId, configuration, context, claimed));
      continue;
    }
    const update = pendingUpdate(configuration, configuration.live, context);
    if (update) updates.push(update);
    const target = {
      name: configuration.desired.name.value,
      id: configuration.live.id,
    };
    const assign = assignChange(accountId, target, claimed, context);
    if (assign) assign.declaredAt = declaredAt(configuration);
    if (assign) assigns.push(assign);
  }

  const { deletes, unmanaged } = pruneOrKeep(resolved, context, selected);
  const changes = [
    ...sortByName(creates),
    ...groupUpdates(accountId, updates),
    ...sortByName(assigns),
    ...sortByName(deletes),
  ];
  const impactContext = afterThePlan(resolved, deletes);
  let recorded: PlanState | undefined;
  for (const change of changes) {
    change.impact = classifyChange(change, impactContext);
  }
  return {
    account: {
      id: accountId,
      name: resolved.snapshot.account.org_name,
      reference: resolved.desired.account.value,
    },
    changes,
    unmanaged,
    unclaimedRepositories: resolved.snapshot.repositories.filter(
      (repository) => !resolved.claims.winners.has(repository.id),
    ).length,
    counts: countActions(changes),
    safety: measureSafety(changes, resolved),
    narrowed:
      (options.targets ?? []).length > 0 || (options.excludes ?? []).length > 0,
    // Computed on first use: only a saved plan needs it.
    get state() {
      recorded ??= recordState(resolved);
      return recorded;
    },
  };
}

/** A placeholder until the change is classified with the rest of the plan. */
const NO_IMPACT: ChangeImpact = { level: "neutral", findings: [] };

export interface PlanOptions {
  /** Plan only these configurations, by name (`--target`). */
  targets?: readonly string[];
  /** Leave these configurations out, by name (`--exclude`). */
  excludes?: readonly string[];
}

/**
 * Tells whether --target and --exclude select a configuration, given its
 * names: the declared one and the live one, which differ before a rename.
 * Either name selects it, and either name excludes it.
 */
function selector(
  options: PlanOptions,
): (...names: (string | undefined)[]) => boolean {
  const targets = new Set((options.targets ?? []).map(configurationKey));
  const excludes = new Set((options.excludes ?? []).map(configurationKey));
  return (...names) => {
    const keys = names.flatMap((name) =>
      name === undefined ? [] : [configurationKey(name)],
    );
    const targeted = targets.size === 0 || keys.some((key) => targets.has(key));
    return targeted && !keys.some((key) => excludes.has(key));
  };
}

/** Records what the plan read, for the stale check of a saved plan. */
function recordState(resolved: ResolvedAccount): PlanState {
  const patterns = resolved.claims.entries
    .filter((match) => match.kind === "include" || match.kind === "exclude")
    .map((match) => ({
      configuration: match.configuration,
      kind: match.kind as RecordedPattern["kind"],
      pattern: match.entry.value,
      repositories: [...match.repositoryIds].sort(),
    }));
  return {
    fingerprints: fingerprintSnapshot(resolved.snapshot),
    patterns,
    caseSensitiveNames: resolved.index.caseSensitive,
  };
}

/** Lookups shared by the steps of plan building. */
class PlanContext {
  readonly #resolved: ResolvedAccount;
  readonly #liveById: Map<string, Configuration>;
  readonly #claimedBy = new Map<string, Repository[]>();

  constructor(resolved: ResolvedAccount) {
    this.#resolved = resolved;
    this.#liveById = new Map(
      resolved.snapshot.configurations.map((live) => [live.id, live]),
    );
    for (const repository of resolved.snapshot.repositories) {
      const claim = resolved.claims.winners.get(repository.id);
      if (claim === undefined) continue;
      const list = this.#claimedBy.get(claim.configuration) ?? [];
      list.push(repository);
      this.#claimedBy.set(claim.configuration, list);
    }
  }

  /** Returns the repositories a configuration wins, sorted by name. */
  claimedRepositories(configuration: ResolvedConfiguration): Repository[] {
    const name = configuration.desired.name.value;
    return sortBy(
      this.#claimedBy.get(name) ?? [],
      (repository) => repository.name,
    );
  }

  move(repository: Repository): RepositoryMove {
    const from =
      repository.configuration_id === null
        ? null
        : {
            id: repository.configuration_id,
            name:
              this.#liveById.get(repository.configuration_id)?.name ??
              repository.configuration_id,
          };
    return { id: repository.id, name: repository.name, from };
  }

  policyName = (id: string): string => this.#resolved.catalog.policyName(id);
}

function createChange(
  accountId: string,
  configuration: ResolvedConfiguration,
  context: PlanContext,
  claimed: Repository[],
): PlannedChange {
  const name = configuration.desired.name.value;
  const diff = diffSettings(
    configuration.settings,
    undefined,
    context.policyName,
  );
  return {
    action: "create",
    configurations: [{ name, id: undefined }],
    declaredAt: declaredAt(configuration),
    fields: diff.changes,
    settings: { before: diff.before, after: diff.after },
    repositories: claimed.map((repository) => context.move(repository)),
    impact: NO_IMPACT,
    request: {
      method: "POST",
      path: accountPath(accountId, "configurations"),
      body: {
        configuration: { name, configuration: configuration.settings },
        repositories: claimed.map((repository) => repository.id),
      },
    },
  };
}

interface PendingUpdate {
  ref: ConfigurationRef;
  declaredAt: string;
  rename: { from: string; to: string } | undefined;
  fields: FieldChange[];
  settings: { before: FlatSettings; after: FlatSettings };
  settingsBody: Record<string, unknown>;
}

function pendingUpdate(
  configuration: ResolvedConfiguration,
  live: Configuration,
  context: PlanContext,
): PendingUpdate | undefined {
  const name = configuration.desired.name.value;
  const diff = diffSettings(
    configuration.settings,
    live.configuration,
    context.policyName,
  );
  // Names that differ only in Unicode normalization are the same name.
  const renamed = live.name.normalize("NFC") !== name;
  const rename = renamed ? { from: live.name, to: name } : undefined;
  if (diff.changes.length === 0 && rename === undefined) return undefined;
  return {
    ref: { name, id: live.id },
    declaredAt: declaredAt(configuration),
    rename,
    fields: diff.changes,
    settings: { before: diff.before, after: diff.after },
    settingsBody: diff.body as Record<string, unknown>,
  };
}

/**
 * Turns pending updates into PATCH requests, except that two or more
 * configurations that need the identical settings change, and no rename,
 * share one bulk_update request.
 */
function groupUpdates(
  accountId: string,
  updates: PendingUpdate[],
): PlannedChange[] {
  const groups = new Map<string, PendingUpdate[]>();
  const singles: PlannedChange[] = [];
  for (const update of updates) {
    if (update.rename !== undefined) {
      singles.push(patchChange(accountId, update));
      continue;
    }
    // One call may update several configurations only when their changes
    // have the same values before as well as after. Then the fields shown,
    // and their security impact, are those of every configuration.
    const key = canonicalJson([update.settingsBody, update.fields]);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [update]);
    else group.push(update);
  }

  const bulk: PlannedChange[] = [];
  for (const group of groups.values()) {
    const [first] = group;
    if (group.length === 1 && first) {
      singles.push(patchChange(accountId, first));
    } else if (first) {
      bulk.push(bulkChange(accountId, group, first));
    }
  }
  return [...sortByName(singles), ...sortByName(bulk)];
}

function patchChange(accountId: string, update: PendingUpdate): PlannedChange {
  const id = update.ref.id ?? "";
  const configuration: Record<string, unknown> = {};
  if (update.rename) configuration.name = update.rename.to;
  if (Object.keys(update.settingsBody).length > 0) {
    configuration.configuration = update.settingsBody;
  }
  return {
    action: "update",
    configurations: [update.ref],
    declaredAt: update.declaredAt,
    ...(update.rename ? { rename: update.rename } : {}),
    fields: update.fields,
    settings: update.settings,
    repositories: [],
    impact: NO_IMPACT,
    request: {
      method: "PATCH",
      path: configurationPath(accountId, id),
      body: { configuration },
    },
  };
}

function bulkChange(
  accountId: string,
  group: PendingUpdate[],
  first: PendingUpdate,
): PlannedChange {
  const members = sortBy(group, (update) => update.ref.name);
  return {
    action: "bulk_update",
    configurations: members.map((update) => ({
      ...update.ref,
      declaredAt: update.declaredAt,
    })),
    fields: first.fields,
    repositories: [],
    impact: NO_IMPACT,
    request: {
      method: "POST",
      path: accountPath(accountId, "configurations", "bulk_update"),
      body: {
        configuration_ids: members.map((update) => update.ref.id),
        updates: first.settingsBody,
      },
    },
  };
}

function assignChange(
  accountId: string,
  target: { name: string; id: string },
  claimed: Repository[],
  context: PlanContext,
): PlannedChange | undefined {
  const moving = claimed.filter(
    (repository) => repository.configuration_id !== target.id,
  );
  if (moving.length === 0) return undefined;
  return {
    action: "assign",
    configurations: [target],
    fields: [],
    repositories: moving.map((repository) => context.move(repository)),
    impact: NO_IMPACT,
    request: {
      method: "POST",
      path: accountPath(accountId, "configurations", "assign_repositories"),
      body: {
        configuration_id: target.id,
        repository_ids: moving.map((repository) => repository.id),
      },
    },
  };
}

function pruneOrKeep(
  resolved: ResolvedAccount,
  context: PlanContext,
  selected: (...names: (string | undefined)[]) => boolean,
) {
  const managed = new Set(
    resolved.configurations.flatMap((configuration) =>
      configuration.live ? [configuration.live.id] : [],
    ),
  );
  const prune = resolved.desired.settings.prune;
  const patterns = Array.isArray(prune)
    ? prune.map((entry) => compileGlob(entry.value, false))
    : [];
  const pruned = (name: string) =>
    prune === true ||
    patterns.some((pattern) => pattern.match(name.normalize("NFC")));
  const assignedTo = new Map<string, Repository[]>();
  for (const repository of resolved.snapshot.repositories) {
    const id = repository.configuration_id;
    if (id === null || managed.has(id)) continue;
    const list = assignedTo.get(id);
    if (list === undefined) assignedTo.set(id, [repository]);
    else list.push(repository);
  }

  const deletes: PlannedChange[] = [];
  const unmanaged: AccountPlan["unmanaged"] = [];
  const accountId = resolved.snapshot.account.account_id;
  for (const live of resolved.snapshot.configurations) {
    if (managed.has(live.id)) continue;
    const assigned = assignedTo.get(live.id) ?? [];
    if (pruned(live.name)) {
      if (!selected(live.name)) continue;
      const stranded = assigned.filter(
        (repository) => !resolved.claims.winners.has(repository.id),
      );
      deletes.push(deleteChange(accountId, live, stranded, context));
    } else {
      unmanaged.push({
        name: live.name,
        id: live.id,
        repositoryCount: assigned.length,
        movedAway: assigned.filter((repository) =>
          resolved.claims.winners.has(repository.id),
        ).length,
      });
    }
  }
  return { deletes, unmanaged: sortBy(unmanaged, (entry) => entry.name) };
}

/** Builds a delete; `stranded` are the repositories it leaves unassigned. */
function deleteChange(
  accountId: string,
  live: Configuration,
  stranded: Repository[],
  context: PlanContext,
): PlannedChange {
  return {
    action: "delete",
    configurations: [{ name: live.name, id: live.id }],
    fields: [],
    repositories: sortBy(stranded, (repository) => repository.name).map(
      (repository) => context.move(repository),
    ),
    impact: NO_IMPACT,
    request: { method: "DELETE", path: configurationPath(accountId, live.id) },
  };
}

function declaredAt(configuration: ResolvedConfiguration): string {
  const { file, line } = configuration.desired.name.location;
  return `${file}:${line}`;
}

function sortByName(changes: PlannedChange[]): PlannedChange[] {
  return [...changes].sort((a, b) =>
    compareStrings(
      a.configurations[0]?.name ?? "",
      b.configurations[0]?.name ?? "",
    ),
  );
}

function countActions(changes: PlannedChange[]): AccountPlan["counts"] {
  const counts = Object.fromEntries(
    ACTIONS.map((action) => [action, 0]),
  ) as AccountPlan["counts"];
  for (const change of changes) counts[change.action]++;
  return counts;
}
