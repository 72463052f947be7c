/** The daily insights digest of an account. */
import { HttpError } from "../http-error.js";
import type { Route } from "../router.js";
import type { InsightSeed } from "../seed.js";
import { isCalendarDate } from "../values.js";
import { accountOf, dataReply } from "./context.js";

export const INSIGHT_ROUTES: Route[] = [
  {
    method: "GET",
    pattern: "/v1/accounts/{account_id}/insights",
    handle: (context) => {
      const account = accountOf(context);
      const date = context.query.get("date");
      if (date === null) {
        return dataReply(latestInsight(account.insights));
      }
      if (!isCalendarDate(date)) {
        throw new HttpError(
          400,
          `date must be a calendar date in YYYY-MM-DD form, got ${JSON.stringify(date)}`,
        );
      }
      const insight = account.insights.find((i) => i.date === date);
      if (insight === undefined) {
        throw new HttpError(404, `no insights for ${date}`);
      }
      return dataReply(insight);
    },
  },
];

function latestInsight(insights: readonly InsightSeed[]): InsightSeed {
  let latest: InsightSeed | undefined;
  for (const insight of insights) {
    if (latest === undefined || insight.date > latest.date) {
      latest = insight;
    }
  }
  if (latest === undefined) {
    throw new HttpError(404, "no insights for this account yet");
  }
  return latest;
}
