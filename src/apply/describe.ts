import type { PlannedChange } from "../plan/index.js";
import { plural } from "../plan/format-value.js";

/** Describes a step in the past tense, as the apply log prints it. */
export function describeStep(
  change: PlannedChange,
  createdId: string | undefined,
): string {
  const [first] = change.configurations;
  const name = JSON.stringify(first?.name ?? "");
  const repositories = plural(
    change.repositories.length,
    "repository",
    "repositories",
  );
  switch (change.action) {
    case "create":
      return `created configuration ${name}${createdId ? ` (id ${createdId})` : ""} with ${repositories}`;
    case "update":
      return change.rename
        ? `updated configuration ${name}, renamed from ${JSON.stringify(change.rename.from)}`
        : `updated configuration ${name}`;
    case "bulk_update":
      return `updated ${change.configurations.length} configurations in one bulk update: ${change.configurations.map((ref) => JSON.stringify(ref.name)).join(", ")}`;
    case "assign":
      return `assigned ${repositories} to configuration ${name}`;
    case "delete":
      return `deleted configuration ${name}`;
  }
}

/** Describes a step that did not run or failed: `create configuration "x"`. */
export function describePlannedStep(change: PlannedChange): string {
  const names = change.configurations.map((ref) => JSON.stringify(ref.name));
  const repositories = plural(
    change.repositories.length,
    "repository",
    "repositories",
  );
  switch (change.action) {
    case "create":
      return `create configuration ${names[0]}`;
    case "update":
      return `update configuration ${names[0]}`;
    case "bulk_update":
      return `bulk update of configurations ${names.join(", ")}`;
    case "assign":
      return `assign ${repositories} to configuration ${names[0]}`;
    case "delete":
      return `delete configuration ${names[0]}`;
  }
}
