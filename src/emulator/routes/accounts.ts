/** Accounts, and the account-wide lists of analyzers and custom policies. */
import type { Route } from "../router.js";
import { accountSummary } from "../state.js";
import { accountOf, listReply } from "./context.js";

export const ACCOUNT_ROUTES: Route[] = [
  {
    method: "GET",
    pattern: "/v1/accounts",
    handle: (context) => {
      const accounts = context.state.accounts
        .filter((account) => context.scope.has(account.account_id))
        .map(accountSummary);
      return listReply(context, accounts);
    },
  },
  {
    method: "GET",
    pattern: "/v1/accounts/{account_id}/analyzers",
    handle: (context) => listReply(context, accountOf(context).analyzers),
  },
  {
    method: "GET",
    pattern: "/v1/accounts/{account_id}/custom_policies",
    handle: (context) => listReply(context, accountOf(context).custom_policies),
  },
];
