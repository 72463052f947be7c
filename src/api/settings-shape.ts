import { isRecord } from "../util/record.js";
import {
  requireRecord,
  unexpectedShape,
  type ResponseSource,
} from "./response-shape.js";
import type { ConfigurationSettings } from "./types.js";

const SCALARS: Record<string, string> = {
  comment: "string",
  show_scan_confirmation: "boolean",
  risk_threshold: "number",
};

/**
 * Checks the settings of a configuration in a response for the shapes the
 * tool relies on, where present: scalars of their type, an `analyzers`
 * object, `code_policies` objects with a string `id`, and string
 * `integrationNames`. null is accepted everywhere, and unknown keys are
 * kept and ignored.
 */
export function checkSettings(
  value: unknown,
  source: ResponseSource,
  where: string,
): ConfigurationSettings {
  const settings = requireRecord(value, source, where);
  for (const [key, type] of Object.entries(SCALARS)) {
    const field = settings[key];
    if (field != null && typeof field !== type) {
      unexpectedShape(source, `${where}.${key}`, `a ${type}`, field);
    }
  }
  if (settings.analyzers != null && !isRecord(settings.analyzers)) {
    unexpectedShape(
      source,
      `${where}.analyzers`,
      "an object",
      settings.analyzers,
    );
  }
  checkCodePolicies(settings.code_policies, source, `${where}.code_policies`);
  if (settings.notifications != null) {
    const notifications = requireRecord(
      settings.notifications,
      source,
      `${where}.notifications`,
    );
    const names = notifications.integrationNames;
    if (
      names != null &&
      !(Array.isArray(names) && names.every((n) => typeof n === "string"))
    ) {
      unexpectedShape(
        source,
        `${where}.notifications.integrationNames`,
        "a list of strings",
        names,
      );
    }
  }
  return settings as ConfigurationSettings;
}

function checkCodePolicies(
  value: unknown,
  source: ResponseSource,
  where: string,
) {
  if (value == null) return;
  if (!Array.isArray(value)) unexpectedShape(source, where, "a list", value);
  value.forEach((item, index) => {
    const policy = requireRecord(item, source, `${where}[${index}]`);
    if (typeof policy.id !== "string") {
      unexpectedShape(source, `${where}[${index}].id`, "a string", policy.id);
    }
    for (const flag of ["enabled", "silent", "blocking"]) {
      const flagValue = policy[flag];
      if (flagValue != null && typeof flagValue !== "boolean") {
        unexpectedShape(
          source,
          `${where}[${index}].${flag}`,
          "a boolean or null",
          flagValue,
        );
      }
    }
  });
}
