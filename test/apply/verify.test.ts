import { describe, expect, test } from "vitest";
import {
  verifyStoredSettings,
  type ApplyReport,
} from "../../src/apply/index.js";
import type { AccountPlan, PlannedChange } from "../../src/plan/index.js";
import { apiClient, startTestEmulator } from "../support/emulator.js";
import { ACCOUNT, configurationId, KEY, smallSeed } from "../support/seed.js";

function plan(changes: PlannedChange[]): AccountPlan {
  return {
    account: { id: ACCOUNT, name: "acme", reference: "acme" },
    changes,
    unmanaged: [],
    unclaimedRepositories: 0,
    counts: {
      create: 0,
      update: changes.length,
      bulk_update: 0,
      assign: 0,
      delete: 0,
    },
    safety: [],
    state: {
      fingerprints: {
        configurations: {},
        repositories: {},
        custom_policies: "",
        analyzers: "",
      },
      patterns: [],
      caseSensitiveNames: false,
    },
  };
}

function update(name: string, id: string, settings: object): PlannedChange {
  return {
    action: "update",
    configurations: [{ name, id }],
    fields: [],
    repositories: [],
    impact: { level: "neutral", findings: [] },
    request: {
      method: "PATCH",
      path: `accounts/${ACCOUNT}/configurations/${id}`,
      body: { configuration: { configuration: settings } },
    },
  };
}

describe("verifyStoredSettings", () => {
  test("names fields stored differently", async () => {
    const seed = smallSeed({
      configurations: [
        {
          index: 1,
          name: "a",
          configuration: { risk_threshold: 3, analyzers: { sqli: true } },
        },
        { index: 2, name: "b", configuration: { risk_threshold: 2 } },
      ],
    });
    const emulator = await startTestEmulator(seed);
    const changes = [
      update("a", configurationId(1), {
        risk_threshold: 2,
        analyzers: { sqli: true },
      }),
      update("b", configurationId(2), { risk_threshold: 2 }),
    ];
    const report: ApplyReport = {
      results: changes.map((change) => ({
        change,
        status: "done",
        description: "",
      })),
      succeeded: true,
      interrupted: false,
    };
    const warnings = await verifyStoredSettings(
      apiClient(emulator, KEY),
      plan(changes),
      report,
    );
    expect(warnings).toEqual([
      'configuration "a": the API stored risk_threshold as 3, not 2 as sent',
    ]);
  });

  test("reads nothing when nothing was written", async () => {
    const emulator = await startTestEmulator(smallSeed());
    const report: ApplyReport = {
      results: [],
      succeeded: true,
      interrupted: false,
    };
    expect(
      await verifyStoredSettings(apiClient(emulator, KEY), plan([]), report),
    ).toEqual([]);
    expect(emulator.requests).toHaveLength(0);
  });
});
