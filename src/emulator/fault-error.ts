import { UserError } from "../errors.js";

/**
 * A fault spec or a `faults` option that is invalid. The message quotes the
 * spec or names the option's index, and states what to change.
 */
export class FaultSpecError extends UserError {
  override readonly name: string = "FaultSpecError";
}
