import { UserError } from "../errors.js";

/**
 * A seed or state file that cannot be read or does not match the format.
 * The message names the file and every problem, each with its JSON path.
 */
export class SeedError extends UserError {
  override readonly name: string = "SeedError";
}
