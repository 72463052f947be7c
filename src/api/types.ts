/**
 * Objects of the DryRun Simple API as this client reads them. Only the fields
 * the tool relies on are typed; responses may carry more, which are kept but
 * never compared.
 */

export interface Account {
  account_id: string;
  org_name: string;
  org_id?: string;
  provider_type?: string;
  active?: boolean;
}

export interface Repository {
  id: string;
  name: string;
  /** The configuration the repository runs with, or null when it has none. */
  configuration_id: string | null;
  enabled?: boolean;
}

export interface Analyzer {
  /** The key of the analyzer in a configuration's `analyzers` object. */
  slug: string;
  name?: string;
}

export interface CustomPolicy {
  id: string;
  name: string;
}

export interface CodePolicySetting {
  id: string;
  enabled?: boolean | null;
  silent?: boolean | null;
  blocking?: boolean | null;
}

export interface NotificationSettings {
  enabled?: boolean | null;
  deduplicate?: boolean | null;
  integrationNames?: string[] | null;
}

/** The settings object of a configuration, named `configuration` in bodies. */
export interface ConfigurationSettings {
  comment?: string | null;
  show_scan_confirmation?: boolean | null;
  risk_threshold?: number | null;
  analyzers?: Record<string, unknown> | null;
  code_policies?: CodePolicySetting[] | null;
  notifications?: NotificationSettings | null;
}

export interface Configuration {
  id: string;
  name: string;
  /** Absent when a list response leaves the settings out. */
  configuration?: ConfigurationSettings;
}

/** The body of a create, PUT or PATCH request on a configuration. */
export interface ConfigurationWriteBody {
  configuration: {
    name?: string;
    configuration?: ConfigurationSettings;
  };
  repositories?: string[];
}

export interface AssignRepositoriesBody {
  configuration_id: string;
  repository_ids?: string[];
  repository_names?: string[];
  repository_pattern?: string;
}

export interface BulkUpdateBody {
  configuration_ids: string[];
  updates: ConfigurationSettings;
}
