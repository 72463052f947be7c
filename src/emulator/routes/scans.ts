/** Pull-request scans of a repository. */
import type { Route } from "../router.js";
import { readResults, readScanFilter } from "../scan-filters.js";
import type { ScanSeed } from "../seed.js";
import { findById } from "../state.js";
import {
  dataReply,
  listReply,
  omitKey,
  param,
  repositoryOf,
} from "./context.js";

/** Lists show a scan without its findings, which the detail call returns. */
function scanSummary(scan: ScanSeed): Record<string, unknown> {
  return omitKey(scan, "findings");
}

export const SCAN_ROUTES: Route[] = [
  {
    method: "GET",
    pattern: "/v1/accounts/{account_id}/repositories/{repository_id}/scans",
    handle: (context) => {
      const { account, repository } = repositoryOf(context);
      const filter = readScanFilter(context.query);
      const scans = account.scans
        .filter((scan) => scan.repository_id === repository.id)
        .filter(filter)
        .map(scanSummary);
      return listReply(context, scans);
    },
  },
  {
    method: "GET",
    pattern:
      "/v1/accounts/{account_id}/repositories/{repository_id}/scans/{id}",
    handle: (context) => {
      const { account, repository } = repositoryOf(context);
      const scans = account.scans.filter(
        (scan) => scan.repository_id === repository.id,
      );
      const scan = findById(scans, param(context, "id"), "scan");
      const results = readResults(context.query, "findings_result");
      const findings = (scan.findings ?? []).filter(
        (finding) =>
          results === undefined ||
          (finding.result !== undefined && results.has(finding.result)),
      );
      return dataReply({ ...scan, findings });
    },
  },
];
