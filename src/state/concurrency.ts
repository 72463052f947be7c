/** Requests in flight at once while reading, unless --concurrency says. */
export const DEFAULT_CONCURRENCY = 4;
