/** Listing, reading, creating, replacing, updating and deleting configurations. */
import {
  changeConfiguration,
  createConfiguration,
  deleteConfiguration,
} from "../configuration-changes.js";
import { readConfigurationRequest } from "../configuration-requests.js";
import type { Reply } from "../http.js";
import type { RouteContext, Route } from "../router.js";
import { findConfiguration } from "../state.js";
import { accountOf, dataReply, listReply, omitKey, param } from "./context.js";

const COLLECTION = "/v1/accounts/{account_id}/configurations";
const MEMBER = `${COLLECTION}/{id}`;

export const CONFIGURATION_ROUTES: Route[] = [
  { method: "GET", pattern: COLLECTION, handle: listConfigurations },
  {
    method: "POST",
    pattern: COLLECTION,
    handle: (context) => {
      const account = accountOf(context);
      const request = readConfigurationRequest(context.body, account, "create");
      return dataReply(createConfiguration(account, request), 201);
    },
  },
  {
    method: "GET",
    pattern: MEMBER,
    handle: (context) => {
      const account = accountOf(context);
      return dataReply(findConfiguration(account, param(context, "id")));
    },
  },
  { method: "PUT", pattern: MEMBER, handle: (c) => change(c, "replace") },
  { method: "PATCH", pattern: MEMBER, handle: (c) => change(c, "update") },
  {
    method: "DELETE",
    pattern: MEMBER,
    handle: (context) => {
      const account = accountOf(context);
      const configuration = findConfiguration(account, param(context, "id"));
      deleteConfiguration(account, configuration.id);
      return { status: 204 };
    },
  },
];

/**
 * Lists configurations, without their settings when the emulator runs with
 * listIncludesConfiguration false.
 */
function listConfigurations(context: RouteContext): Reply {
  const configurations = accountOf(context).configurations;
  if (context.listIncludesConfiguration) {
    return listReply(context, configurations);
  }
  const summaries = configurations.map((c) => omitKey(c, "configuration"));
  return listReply(context, summaries);
}

function change(context: RouteContext, kind: "replace" | "update"): Reply {
  const account = accountOf(context);
  const configuration = findConfiguration(account, param(context, "id"));
  const request = readConfigurationRequest(
    context.body,
    account,
    kind,
    configuration.id,
  );
  changeConfiguration(account, configuration, request, kind);
  return dataReply(configuration);
}
