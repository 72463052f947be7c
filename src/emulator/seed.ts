/**
 * Types of the emulator's seed and state files. Both use one JSON format
 * that mirrors the API's objects in snake_case. Every object may carry
 * further fields, which the emulator stores and returns unchanged.
 */

export interface SeedFile {
  api_keys: ApiKeySeed[];
  accounts: AccountSeed[];
  [field: string]: unknown;
}

/** An API key and the accounts it may read and change. */
export interface ApiKeySeed {
  key: string;
  accounts: string[];
  [field: string]: unknown;
}

export interface AccountSeed {
  account_id: string;
  org_name: string;
  org_id: string | number;
  provider_type: string;
  active: boolean;
  created_at: string;
  analyzers: AnalyzerSeed[];
  custom_policies: CustomPolicySeed[];
  configurations: ConfigurationSeed[];
  repositories: RepositorySeed[];
  findings?: FindingSeed[];
  scans?: ScanSeed[];
  deepscans?: DeepscanSeed[];
  insights?: InsightSeed[];
  [field: string]: unknown;
}

export interface AnalyzerSeed {
  slug: string;
  name: string;
  description?: string;
  [field: string]: unknown;
}

export interface CustomPolicySeed {
  id: string;
  name: string;
  question?: string;
  background?: string;
  guidance?: string;
  created_at?: string;
  [field: string]: unknown;
}

export interface ConfigurationSeed {
  id: string;
  name: string;
  configuration: SettingsSeed;
  created_at?: string;
  updated_at?: string;
  [field: string]: unknown;
}

/**
 * A configuration's settings as a seed may write them. Keys left out take
 * the defaults of a new configuration, also inside `notifications` and
 * inside each code policy.
 */
export interface SettingsSeed {
  comment?: string;
  show_scan_confirmation?: boolean;
  risk_threshold?: number;
  analyzers?: Record<string, boolean | Record<string, unknown>>;
  code_policies?: CodePolicySeed[];
  notifications?: Partial<NotificationSettings>;
  [setting: string]: unknown;
}

export interface CodePolicySeed {
  id: string;
  enabled?: boolean | null;
  silent?: boolean | null;
  blocking?: boolean | null;
  [field: string]: unknown;
}

/** The settings object of a configuration, as the API sends and stores it. */
export interface ConfigurationSettings {
  comment: string;
  show_scan_confirmation: boolean;
  risk_threshold: number;
  /** Keyed by analyzer slug; values are stored as sent. */
  analyzers: Record<string, boolean | Record<string, unknown>>;
  code_policies: CodePolicySetting[];
  notifications: NotificationSettings;
  [setting: string]: unknown;
}

/** One custom policy in a configuration; null leaves the choice unset. */
export interface CodePolicySetting {
  id: string;
  enabled: boolean | null;
  silent: boolean | null;
  blocking: boolean | null;
  [field: string]: unknown;
}

export interface NotificationSettings {
  enabled: boolean;
  deduplicate: boolean;
  integrationNames: string[];
  [field: string]: unknown;
}

export interface RepositorySeed {
  id: string;
  name: string;
  provider_repo_id: string | number;
  configuration_id: string | null;
  enabled: boolean;
  created_at: string;
  [field: string]: unknown;
}

export interface FindingSeed {
  repository_id: string;
  [field: string]: unknown;
}

/** A pull-request scan; `findings` is returned only by the detail call. */
export interface ScanSeed {
  id: string;
  repository_id: string;
  initiated_by: string;
  result: ScanResult;
  created_at: string;
  findings?: ScanFindingSeed[];
  [field: string]: unknown;
}

export type ScanResult = "failing" | "risky" | "info";

export interface ScanFindingSeed {
  result?: ScanResult;
  [field: string]: unknown;
}

/** A deepscan; `results` is returned only by the results call. */
export interface DeepscanSeed {
  id: string;
  repository_id: string;
  results?: Record<string, unknown>[];
  [field: string]: unknown;
}

/** The insights digest of one day. */
export interface InsightSeed {
  /** The day, in YYYY-MM-DD form. */
  date: string;
  [field: string]: unknown;
}
