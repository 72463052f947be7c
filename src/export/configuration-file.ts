import type {
  CodePolicySetting,
  Configuration,
  CustomPolicy,
  Repository,
} from "../api/index.js";
import { CODE_POLICY_DEFAULTS } from "../config/desired.js";
import type {
  WrittenCodePolicy,
  WrittenConfiguration,
} from "../config/written.js";
import type { LiveSnapshot } from "../state/index.js";
import { sortBy } from "../util/compare.js";
import { isRecord } from "../util/record.js";

/** Characters that the config rules read as glob syntax in a name. */
const GLOB_LIKE = /[[\]{}!]/;

/**
 * Turns live configurations into what a person would write: settings as
 * they are, code policies by name (by id where a name is shared or
 * unknown), and repositories by exact name. A repository whose name would
 * not read back as itself (it differs from another only in case, has
 * surrounding spaces or glob characters) is listed by id instead.
 */
export class ConfigurationWriter {
  readonly #snapshot: LiveSnapshot;
  readonly #policyNames = new Map<string, string>();
  readonly #repositoriesOf = new Map<string, Repository[]>();
  readonly #byIdOnly = new Set<string>();
  readonly warnings: string[] = [];

  constructor(snapshot: LiveSnapshot) {
    this.#snapshot = snapshot;
    this.#indexPolicies(snapshot.customPolicies);
    this.#indexRepositories(snapshot.repositories);
  }

  /** Converts one live configuration; undefined when it cannot be written. */
  write(configuration: Configuration): WrittenConfiguration | undefined {
    const name = configuration.name;
    if (name.trim() !== name || name === "") {
      this.warnings.push(
        `configuration ${JSON.stringify(name)} is left out: a name with surrounding spaces cannot be written in the files`,
      );
      return undefined;
    }
    const settings = configuration.configuration ?? {};
    const written: WrittenConfiguration = { name: name.normalize("NFC") };
    if (typeof settings.comment === "string")
      written.comment = settings.comment;
    if (typeof settings.show_scan_confirmation === "boolean") {
      written.show_scan_confirmation = settings.show_scan_confirmation;
    }
    if (typeof settings.risk_threshold === "number") {
      written.risk_threshold = settings.risk_threshold;
    }
    if (isRecord(settings.analyzers)) {
      written.analyzers = this.#analyzers(name, settings.analyzers);
    }
    if (Array.isArray(settings.code_policies)) {
      written.code_policies = settings.code_policies.map((policy) =>
        this.#policy(name, policy),
      );
    }
    const notifications = settings.notifications;
    if (isRecord(notifications)) {
      written.notifications = {};
      if (typeof notifications.enabled === "boolean") {
        written.notifications.enabled = notifications.enabled;
      }
      if (typeof notifications.deduplicate === "boolean") {
        written.notifications.deduplicate = notifications.deduplicate;
      }
      if (Array.isArray(notifications.integrationNames)) {
        written.notifications.integrations = [
          ...notifications.integrationNames,
        ];
      }
    }
    written.repositories = this.#repositories(configuration.id);
    return written;
  }

  #indexPolicies(policies: readonly CustomPolicy[]): void {
    const counts = new Map<string, number>();
    for (const policy of policies) {
      counts.set(policy.name, (counts.get(policy.name) ?? 0) + 1);
    }
    for (const policy of policies) {
      const unique =
        counts.get(policy.name) === 1 && policy.name.trim() === policy.name;
      this.#policyNames.set(
        policy.id.toLowerCase(),
        unique ? policy.name : policy.id,
      );
    }
  }

  #indexRepositories(repositories: readonly Repository[]): void {
    const byKey = new Map<string, number>();
    const key = (name: string) => name.normalize("NFC").toLowerCase();
    for (const repository of repositories) {
      byKey.set(
        key(repository.name),
        (byKey.get(key(repository.name)) ?? 0) + 1,
      );
      if (repository.configuration_id === null) continue;
      const list = this.#repositoriesOf.get(repository.configuration_id) ?? [];
      list.push(repository);
      this.#repositoriesOf.set(repository.configuration_id, list);
    }
    for (const repository of repositories) {
      const { name } = repository;
      if (
        (byKey.get(key(name)) ?? 0) > 1 ||
        name.trim() !== name ||
        GLOB_LIKE.test(name)
      ) {
        this.#byIdOnly.add(repository.id);
      }
    }
  }

  #analyzers(configuration: string, analyzers: Record<string, unknown>) {
    const known = new Set(this.#snapshot.analyzers.map((a) => a.slug));
    for (const slug of Object.keys(analyzers)) {
      if (!known.has(slug)) {
        this.warnings.push(
          `configuration ${JSON.stringify(configuration)} uses the analyzer "${slug}", which the account does not list; plan will report it`,
        );
      }
    }
    return { ...analyzers };
  }

  #policy(configuration: string, policy: CodePolicySetting): WrittenCodePolicy {
    const reference = this.#policyNames.get(policy.id.toLowerCase());
    if (reference === undefined) {
      this.warnings.push(
        `configuration ${JSON.stringify(configuration)} uses the custom policy ${policy.id}, which the account does not list; plan will report it`,
      );
    }
    const written: WrittenCodePolicy = { policy: reference ?? policy.id };
    for (const flag of ["enabled", "silent", "blocking"] as const) {
      const value = policy[flag];
      if (typeof value === "boolean" && value !== CODE_POLICY_DEFAULTS[flag]) {
        written[flag] = value;
      }
    }
    return written;
  }

  #repositories(configurationId: string): WrittenConfiguration["repositories"] {
    const assigned = sortBy(
      this.#repositoriesOf.get(configurationId) ?? [],
      (repository) => repository.name,
    );
    const names = assigned
      .filter((repository) => !this.#byIdOnly.has(repository.id))
      .map((repository) => repository.name.normalize("NFC"));
    const ids = assigned
      .filter((repository) => this.#byIdOnly.has(repository.id))
      .map((repository) => repository.id);
    if (names.length === 0 && ids.length === 0) return [];
    return {
      ...(names.length > 0 ? { names } : {}),
      ...(ids.length > 0 ? { ids } : {}),
    };
  }
}
