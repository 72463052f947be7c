/** Deepscans of an account or a repository, and their results. */
import type { Route } from "../router.js";
import type { DeepscanSeed } from "../seed.js";
import { findById } from "../state.js";
import {
  accountOf,
  listReply,
  omitKey,
  param,
  repositoryOf,
} from "./context.js";

/** Lists show a deepscan without its results, which have their own call. */
function deepscanSummary(deepscan: DeepscanSeed): Record<string, unknown> {
  return omitKey(deepscan, "results");
}

export const DEEPSCAN_ROUTES: Route[] = [
  {
    method: "GET",
    pattern: "/v1/accounts/{account_id}/deepscans",
    handle: (context) =>
      listReply(context, accountOf(context).deepscans.map(deepscanSummary)),
  },
  {
    method: "GET",
    pattern: "/v1/accounts/{account_id}/repositories/{repository_id}/deepscans",
    handle: (context) => {
      const { account, repository } = repositoryOf(context);
      const deepscans = account.deepscans
        .filter((deepscan) => deepscan.repository_id === repository.id)
        .map(deepscanSummary);
      return listReply(context, deepscans);
    },
  },
  {
    method: "GET",
    pattern:
      "/v1/accounts/{account_id}/repositories/{repository_id}/deepscans/{deepscan_id}/results",
    handle: (context) => {
      const { account, repository } = repositoryOf(context);
      const deepscans = account.deepscans.filter(
        (deepscan) => deepscan.repository_id === repository.id,
      );
      const deepscan = findById(
        deepscans,
        param(context, "deepscan_id"),
        "deepscan",
      );
      return listReply(context, deepscan.results ?? []);
    },
  },
];
