/** Repositories and their pull-request findings. */
import type { Route } from "../router.js";
import { accountOf, listReply, repositoryOf } from "./context.js";

export const REPOSITORY_ROUTES: Route[] = [
  {
    method: "GET",
    pattern: "/v1/accounts/{account_id}/repositories",
    handle: (context) => listReply(context, accountOf(context).repositories),
  },
  {
    method: "GET",
    pattern: "/v1/accounts/{account_id}/repositories/{repository_id}/findings",
    handle: (context) => {
      const { account, repository } = repositoryOf(context);
      const findings = account.findings.filter(
        (finding) => finding.repository_id === repository.id,
      );
      return listReply(context, findings);
    },
  },
];
