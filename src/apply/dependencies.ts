import type { PlannedChange } from "../plan/index.js";

/**
 * Tells whether `later` must not run once `earlier` failed. A delete
 * depends on every step that moves repositories out of the configuration
 * it deletes: without them the repositories would be left pointing at a
 * deleted configuration. No other step depends on another, because a create
 * carries its own repositories and every other request names ids that
 * exist before the apply.
 */
export function dependsOn(
  later: PlannedChange,
  earlier: PlannedChange,
): boolean {
  if (later.action !== "delete") return false;
  const deleted = later.configurations[0]?.id;
  return earlier.repositories.some((move) => move.from?.id === deleted);
}
