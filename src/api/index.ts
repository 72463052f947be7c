export {
  ApiClient,
  type ApiClientOptions,
  type RequestLogEntry,
  type RetryLogEntry,
} from "./client.js";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy.js";
export { ApiError, isApiError } from "./errors.js";
export { DEFAULT_API_URL, parseBaseUrl, isLoopbackHost } from "./base-url.js";
export { listAll, PAGE_SIZE } from "./pagination.js";
export { listAccounts } from "./accounts.js";
export { listAnalyzers, listCustomPolicies } from "./catalog.js";
export { listRepositories } from "./repositories.js";
export { listFindings, listScans, type ScanFilters } from "./activity.js";
export {
  assignRepositories,
  bulkUpdateConfigurations,
  createConfiguration,
  deleteConfiguration,
  getConfiguration,
  listConfigurations,
  parseConfigurationBody,
  updateConfiguration,
} from "./configurations.js";
export type * from "./types.js";
