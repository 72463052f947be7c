/** Helpers that route handlers share. */
import type { Reply } from "../http.js";
import { paginate, readPageRequest } from "../pagination.js";
import type { RouteContext } from "../router.js";
import { type AccountState, findAccount, findRepository } from "../state.js";
import type { RepositorySeed } from "../seed.js";

/** Returns the account named by the path, if the request's key may use it. */
export function accountOf(context: RouteContext): AccountState {
  return findAccount(
    context.state,
    param(context, "account_id"),
    context.scope,
  );
}

/** Returns the account and the repository named by the path. */
export function repositoryOf(context: RouteContext): {
  account: AccountState;
  repository: RepositorySeed;
} {
  const account = accountOf(context);
  const repository = findRepository(account, param(context, "repository_id"));
  return { account, repository };
}

export function param(context: RouteContext, name: string): string {
  const value = context.params[name];
  if (value === undefined) {
    throw new Error(`route has no path parameter {${name}}`);
  }
  return value;
}

/** Builds a 200 reply with one page of `items` in the configured shape. */
export function listReply(
  context: RouteContext,
  items: readonly unknown[],
): Reply {
  const request = readPageRequest(context.query);
  return { status: 200, body: paginate(items, request, context.pagination) };
}

/** Builds a reply of `{"data": value}`. */
export function dataReply(value: unknown, status = 200): Reply {
  return { status, body: { data: value } };
}

/** Returns a copy of an object without one key. */
export function omitKey(
  value: Record<string, unknown>,
  key: string,
): Record<string, unknown> {
  const { [key]: _omitted, ...rest } = value;
  return rest;
}
