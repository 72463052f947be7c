/** What `dryrun-config list` can list. */
export const LIST_KINDS = [
  "accounts",
  "repositories",
  "configurations",
  "analyzers",
  "policies",
  "findings",
  "scans",
] as const;

export type ListKind = (typeof LIST_KINDS)[number];
