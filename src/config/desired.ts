import type { SourceLocation } from "./diagnostics.js";

/**
 * The desired state: what the config files declare, normalized. Defaults are
 * merged in, policy flags have their documented defaults, and every value
 * keeps the place it was written for messages.
 */
export interface DesiredState {
  /** One entry per account, in the order the files first name them. */
  accounts: DesiredAccount[];
}

export interface Located<T> {
  value: T;
  location: SourceLocation;
}

export interface DesiredAccount {
  /** The account as written: an organization name or an account UUID. */
  account: Located<string>;
  settings: AccountSettings;
  /** In file order, then in the order each file lists them. */
  configurations: DesiredConfiguration[];
}

export interface AccountSettings {
  /** false, true, or the globs of names that may be deleted. */
  prune: boolean | Located<string>[];
  defaultConfiguration: Located<string> | undefined;
  caseSensitiveNames: boolean;
  maxDeletePercent: number;
  maxMovedRepositoriesPercent: number;
  location: SourceLocation | undefined;
}

export const DEFAULT_THRESHOLD_PERCENT = 30;

export interface DesiredConfiguration {
  name: Located<string>;
  previousNames: Located<string>[];
  settings: DesiredSettings;
  /**
   * Where each managed setting was written, keyed by its path such as
   * `risk_threshold` or `analyzers.sqli`; a value from the account's
   * `defaults` points there.
   */
  settingLocations: Record<string, SourceLocation>;
  /** Undefined when the configuration does not manage its repositories. */
  repositories: RepositoryClaims | undefined;
}

/**
 * The managed settings of a configuration. A key that is absent is not
 * managed: it is never compared and never sent.
 */
export interface DesiredSettings {
  comment?: string;
  show_scan_confirmation?: boolean;
  risk_threshold?: number;
  analyzers?: Record<string, unknown>;
  code_policies?: DesiredCodePolicy[];
  notifications?: DesiredNotifications;
}

export interface DesiredCodePolicy {
  /** The custom policy's name or id, as written. */
  policy: string;
  enabled: boolean;
  silent: boolean;
  blocking: boolean;
  location: SourceLocation;
}

export interface DesiredNotifications {
  enabled?: boolean;
  deduplicate?: boolean;
  integrations?: string[];
}

export const CODE_POLICY_DEFAULTS = {
  enabled: true,
  silent: false,
  blocking: false,
} as const;

/** The repositories a configuration claims, as written. */
export interface RepositoryClaims {
  /** Exact names, including include entries without glob characters. */
  names: Located<string>[];
  ids: Located<string>[];
  include: Located<string>[];
  exclude: Located<string>[];
  location: SourceLocation;
}
