import {
  listConfigurations,
  type ApiClient,
  type ConfigurationSettings,
} from "../api/index.js";
import { diffSettings } from "../plan/compare.js";
import { formatValue } from "../plan/format-value.js";
import type { AccountPlan } from "../plan/index.js";
import type { ApplyReport } from "./apply.js";

interface Sent {
  name: string;
  settings: ConfigurationSettings;
}

/**
 * Reads the configurations an apply wrote, in one list read, and describes
 * every setting the API stored differently from what was sent: a value it
 * rounded, dropped or ignored. An empty list means everything stuck.
 */
export async function verifyStoredSettings(
  client: ApiClient,
  plan: AccountPlan,
  report: ApplyReport,
): Promise<string[]> {
  const sent = sentSettings(report);
  if (sent.size === 0) return [];
  const live = await listConfigurations(client, plan.account.id);
  const byId = new Map(
    live.map((configuration) => [configuration.id, configuration]),
  );

  const warnings: string[] = [];
  for (const [id, { name, settings }] of sent) {
    const stored = byId.get(id);
    const label = `configuration ${JSON.stringify(name)}`;
    if (stored === undefined) {
      warnings.push(
        `${label} (id ${id}) is missing from the account after the apply`,
      );
      continue;
    }
    if (stored.name !== name) {
      warnings.push(
        `${label}: the API stored the name ${JSON.stringify(stored.name)}`,
      );
    }
    const diff = diffSettings(
      settings,
      stored.configuration,
      (policy) => policy,
    );
    for (const change of diff.changes) {
      warnings.push(
        `${label}: the API stored ${change.field} as ${formatValue(change.before)}, not ${formatValue(change.after)} as sent`,
      );
    }
  }
  return warnings;
}

/** Collects, per configuration id, the name and settings the apply sent. */
function sentSettings(report: ApplyReport): Map<string, Sent> {
  const sent = new Map<string, Sent>();
  for (const result of report.results) {
    if (result.status !== "done") continue;
    const { change } = result;
    const body = change.request.body as {
      configuration?: { name?: string; configuration?: ConfigurationSettings };
      configuration_ids?: string[];
      updates?: ConfigurationSettings;
    };
    if (change.action === "create" && result.createdId) {
      sent.set(result.createdId, {
        name: body.configuration?.name ?? "",
        settings: body.configuration?.configuration ?? {},
      });
    } else if (change.action === "update") {
      const [ref] = change.configurations;
      if (ref?.id === undefined) continue;
      sent.set(ref.id, {
        name: body.configuration?.name ?? ref.name,
        settings: body.configuration?.configuration ?? {},
      });
    } else if (change.action === "bulk_update") {
      for (const ref of change.configurations) {
        if (ref.id === undefined) continue;
        sent.set(ref.id, { name: ref.name, settings: body.updates ?? {} });
      }
    }
  }
  return sent;
}
