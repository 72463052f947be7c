import type { Fingerprints } from "../state/index.js";
import type { FieldChange, FlatSettings } from "./compare.js";
import type { ChangeImpact } from "./impact.js";

/** The API calls a plan is made of, in the order they run. */
export const ACTIONS = [
  "create",
  "update",
  "bulk_update",
  "assign",
  "delete",
] as const;

export type Action = (typeof ACTIONS)[number];

/** One HTTP request exactly as apply sends it; `path` is below the base URL. */
export interface PlannedRequest {
  method: "POST" | "PATCH" | "DELETE";
  path: string;
  body?: unknown;
}

export interface ConfigurationRef {
  name: string;
  /** Undefined for a configuration the plan creates. */
  id: string | undefined;
  /** For the members of a bulk update: where the files declare each. */
  declaredAt?: string;
}

/** A repository that a change assigns, and where it was before. */
export interface RepositoryMove {
  id: string;
  name: string;
  /** The configuration the repository had, or null for none. */
  from: ConfigurationRef | null;
}

export interface PlannedChange {
  action: Action;
  /** One configuration, or every configuration of a bulk update. */
  configurations: ConfigurationRef[];
  /** The declaration of the configuration in the files, as `file:line`. */
  declaredAt?: string;
  /** Set when an update renames the configuration. */
  rename?: { from: string; to: string };
  /** Settings that change; for a create, every managed setting. */
  fields: FieldChange[];
  /**
   * Every managed setting before and after the change, flattened, for a
   * create or an update; undefined for other actions.
   */
  settings?: { before: FlatSettings; after: FlatSettings };
  /** Repositories the change assigns, sorted by name. */
  repositories: RepositoryMove[];
  request: PlannedRequest;
  /** Whether the change tightens or weakens the account, and why. */
  impact: ChangeImpact;
}

export interface UnmanagedConfiguration {
  name: string;
  id: string;
  repositoryCount: number;
  /** Its repositories that the plan assigns to declared configurations. */
  movedAway: number;
}

/**
 * The plan for one account: a value computed in full before anything is
 * rendered or applied.
 */
export interface AccountPlan {
  account: { id: string; name: string; reference: string };
  /** Ordered create, update, bulk_update, assign, delete; sorted inside. */
  changes: PlannedChange[];
  /** Live configurations that no file declares and prune leaves alone. */
  unmanaged: UnmanagedConfiguration[];
  /** Repositories that no configuration claims; they stay where they are. */
  unclaimedRepositories: number;
  counts: Record<Action, number>;
  /** The threshold checks, whether or not they were exceeded. */
  safety: SafetyCheck[];
  /** The state the plan read, for the stale check of a saved plan. */
  state: PlanState;
  /** Whether --target or --exclude left configurations out of the plan. */
  narrowed?: boolean;
}

/**
 * A safety threshold measured on a plan: deletes of managed configurations,
 * or repositories moved away from a configuration. A check applies only
 * when the account has at least MIN_OBJECTS_FOR_THRESHOLDS objects of its kind.
 */
export interface SafetyCheck {
  kind: "delete" | "move";
  count: number;
  total: number;
  /** The limit in percent, from the account's `thresholds`. */
  limit: number;
  applies: boolean;
  exceeded: boolean;
}

export const MIN_OBJECTS_FOR_THRESHOLDS = 10;

/** The repositories a pattern matched when the plan was made. */
export interface RecordedPattern {
  configuration: string;
  kind: "include" | "exclude";
  pattern: string;
  /** Ids of the repositories it matched, sorted. */
  repositories: string[];
}

export interface PlanState {
  fingerprints: Fingerprints;
  patterns: RecordedPattern[];
  caseSensitiveNames: boolean;
}

export function isEmptyPlan(plan: AccountPlan): boolean {
  return plan.changes.length === 0;
}
