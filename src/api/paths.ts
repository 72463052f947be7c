import { UserError } from "../errors.js";
import { isUuid } from "../util/uuid.js";

/**
 * Builds URL paths from ids, checking each id is a UUID first so that no
 * value can change the path it is put into.
 */
export function accountPath(accountId: string, ...rest: string[]): string {
  return ["accounts", checkId(accountId, "account"), ...rest].join("/");
}

export function configurationPath(accountId: string, id: string): string {
  return accountPath(accountId, "configurations", checkId(id, "configuration"));
}

export function checkId(id: string, kind: string): string {
  if (!isUuid(id)) {
    throw new UserError(`invalid ${kind} id ${JSON.stringify(id)}`, {
      hint: `${kind} ids are UUIDs such as 12345678-1234-1234-1234-1234567890ab`,
    });
  }
  return id;
}
