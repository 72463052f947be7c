/** The route table: the 19 endpoints of the DryRun Simple API usage guide. */
import type { Route } from "../router.js";
import { ACCOUNT_ROUTES } from "./accounts.js";
import { ASSIGN_REPOSITORIES_ROUTE } from "./assign-repositories.js";
import { BULK_UPDATE_ROUTE } from "./bulk-update.js";
import { CONFIGURATION_ROUTES } from "./configurations.js";
import { DEEPSCAN_ROUTES } from "./deepscans.js";
import { INSIGHT_ROUTES } from "./insights.js";
import { REPOSITORY_ROUTES } from "./repositories.js";
import { SCAN_ROUTES } from "./scans.js";

export const ROUTES: readonly Route[] = [
  ...ACCOUNT_ROUTES,
  ...CONFIGURATION_ROUTES,
  ASSIGN_REPOSITORIES_ROUTE,
  BULK_UPDATE_ROUTE,
  ...REPOSITORY_ROUTES,
  ...SCAN_ROUTES,
  ...DEEPSCAN_ROUTES,
  ...INSIGHT_ROUTES,
];
