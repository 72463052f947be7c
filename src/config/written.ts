/**
 * The config format as the user writes it, once it has passed the schema.
 * Only `normalize` reads these types; the rest of the tool sees the desired
 * state of `desired.ts`.
 */

export interface WrittenFile {
  account: string;
  settings?: WrittenAccountSettings;
  configurations?: WrittenConfiguration[];
}

export interface WrittenAccountSettings {
  prune?: boolean | string[];
  default_configuration?: string;
  repository_names?: "case-insensitive" | "case-sensitive";
  thresholds?: {
    max_delete_percent?: number;
    max_moved_repositories_percent?: number;
  };
  defaults?: WrittenSettings;
}

export interface WrittenSettings {
  comment?: string;
  show_scan_confirmation?: boolean;
  risk_threshold?: number;
  analyzers?: Record<string, unknown>;
  code_policies?: WrittenCodePolicy[];
  notifications?: WrittenNotifications;
}

export interface WrittenCodePolicy {
  policy: string;
  enabled?: boolean;
  silent?: boolean;
  blocking?: boolean;
}

export interface WrittenNotifications {
  enabled?: boolean;
  deduplicate?: boolean;
  integrations?: string[];
}

export interface WrittenConfiguration extends WrittenSettings {
  name: string;
  previous_names?: string[];
  repositories?: string[] | WrittenRepositories;
}

export interface WrittenRepositories {
  names?: string[];
  ids?: string[];
  include?: string[];
  exclude?: string[];
}
