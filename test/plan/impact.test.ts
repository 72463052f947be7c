import { describe, expect, test } from "vitest";
import { classifyChange, type ImpactContext } from "../../src/plan/impact.js";
import type { PlannedChange } from "../../src/plan/index.js";

const POLICY = { enabled: true, silent: false, blocking: true };

const context: ImpactContext = {
  strictness: (name) =>
    ({
      strict: { policies: 4, analyzers: 3 },
      loose: { policies: 1, analyzers: 3 },
      equal: { policies: 4, analyzers: 3 },
      wider: { policies: 4, analyzers: 5 },
    })[name] ?? { policies: 0, analyzers: 0 },
  repositories: () => 12,
};

function update(field: string, before: unknown, after: unknown): PlannedChange {
  return {
    action: "update",
    configurations: [{ name: "c", id: "00000000-0000-4000-8000-000000000001" }],
    fields: [{ field, before, after }],
    repositories: [],
    request: { method: "PATCH", path: "accounts/x/configurations/y" },
    impact: { level: "neutral", findings: [] },
  };
}

function assign(target: string, from: string | null, count = 1): PlannedChange {
  return {
    action: "assign",
    configurations: [
      { name: target, id: "00000000-0000-4000-8000-000000000002" },
    ],
    fields: [],
    repositories: Array.from({ length: count }, (_, index) => ({
      id: `00000000-0000-4000-8000-00000000010${index}`,
      name: `repo-${index}`,
      from:
        from === null
          ? null
          : { name: from, id: "00000000-0000-4000-8000-000000000003" },
    })),
    request: {
      method: "POST",
      path: "accounts/x/configurations/assign_repositories",
    },
    impact: { level: "neutral", findings: [] },
  };
}

/** The level and reasons of a change, for one-line expectations. */
function verdict(change: PlannedChange): string {
  const impact = classifyChange(change, context);
  const reasons = impact.findings.map((finding) => finding.reason).join("; ");
  return reasons ? `${impact.level}: ${reasons}` : impact.level;
}

const P = 'code_policies["No PII in logs"]';

describe("security impact rules", () => {
  test.each([
    [
      "policy removed",
      update(P, POLICY, undefined),
      "weakening: policy removed",
    ],
    [
      "policy disabled",
      update(P, POLICY, { ...POLICY, enabled: false }),
      "weakening: policy disabled",
    ],
    [
      "policy no longer blocking",
      update(P, POLICY, { ...POLICY, blocking: false }),
      "weakening: policy no longer blocking",
    ],
    [
      "policy made silent",
      update(P, POLICY, { ...POLICY, silent: true }),
      "weakening: policy made silent",
    ],
    [
      "policy added",
      update(P, undefined, POLICY),
      "tightening: policy added or enabled",
    ],
    [
      "policy enabled",
      update(P, { ...POLICY, enabled: false }, POLICY),
      "tightening: policy added or enabled",
    ],
    [
      "policy made blocking",
      update(P, { ...POLICY, blocking: false }, POLICY),
      "tightening: policy made blocking",
    ],
    [
      "policy no longer silent",
      update(P, { ...POLICY, silent: true }, POLICY),
      "tightening: policy no longer silent",
    ],
    [
      "disabled policy removed",
      update(P, { ...POLICY, enabled: false }, undefined),
      "neutral",
    ],
    [
      "analyzer removed",
      update("analyzers.sqli", true, undefined),
      "weakening: analyzer removed",
    ],
    [
      "analyzer disabled",
      update("analyzers.sqli", true, false),
      "weakening: analyzer disabled",
    ],
    [
      "analyzer object disabled",
      update("analyzers.sqli", { level: 2 }, { enabled: false }),
      "weakening: analyzer disabled",
    ],
    [
      "analyzer added",
      update("analyzers.sqli", undefined, true),
      "tightening: analyzer enabled",
    ],
    [
      "analyzer enabled",
      update("analyzers.sqli", false, true),
      "tightening: analyzer enabled",
    ],
    [
      "analyzer options changed",
      update("analyzers.sqli", { level: 1 }, { level: 2 }),
      "neutral",
    ],
    [
      "notifications off",
      update("notifications.enabled", true, false),
      "weakening: notifications turned off",
    ],
    [
      "notifications on",
      update("notifications.enabled", false, true),
      "tightening: notifications turned on",
    ],
    [
      "integration removed",
      update("notifications.integrations", ["a", "b"], ["a"]),
      "weakening: integration removed",
    ],
    [
      "integration added",
      update("notifications.integrations", ["a"], ["a", "b"]),
      "tightening: integration added",
    ],
    [
      "integration replaced",
      update("notifications.integrations", ["a"], ["b"]),
      "weakening: integration removed",
    ],
    [
      "comment disabled",
      update("comment", "enabled", "disabled"),
      "weakening: pull request comments disabled",
    ],
    [
      "comment enabled",
      update("comment", "disabled", "summary"),
      "tightening: pull request comments enabled",
    ],
    [
      "comment set on create",
      update("comment", undefined, "disabled"),
      "neutral",
    ],
    [
      "threshold raised",
      update("risk_threshold", 2, 4),
      "weakening: risk threshold raised",
    ],
    [
      "threshold lowered",
      update("risk_threshold", 4, 2),
      "tightening: risk threshold lowered",
    ],
    [
      "scan confirmation",
      update("show_scan_confirmation", true, false),
      "neutral",
    ],
    [
      "deduplicate",
      update("notifications.deduplicate", true, false),
      "neutral",
    ],
    [
      "moved to a looser configuration",
      assign("loose", "strict"),
      "weakening: moved to a less strict configuration (4 -> 1 enabled code policies, 3 -> 3 analyzers)",
    ],
    [
      "moved to a stricter configuration",
      assign("wider", "strict"),
      "tightening: moved to a stricter configuration (4 -> 4 enabled code policies, 3 -> 5 analyzers)",
    ],
    ["moved between equals", assign("equal", "strict"), "neutral"],
    [
      "newly covered",
      assign("loose", null),
      "tightening: repositories now covered by a configuration",
    ],
  ])("%s", (_name, change, expected) => {
    expect(verdict(change)).toBe(expected);
  });

  test("delete weakens and strands", () => {
    const change: PlannedChange = {
      ...assign("old", "old", 3),
      action: "delete",
      request: { method: "DELETE", path: "accounts/x/configurations/y" },
    };
    const impact = classifyChange(change, context);
    expect(impact.level).toBe("weakening");
    expect(impact.findings).toEqual([
      {
        impact: "weakening",
        subject: "configuration",
        before: "old",
        after: undefined,
        reason: "configuration deleted",
        repositories: 3,
      },
      {
        impact: "weakening",
        subject: "repositories",
        before: "old",
        after: null,
        reason: "left with no configuration",
        repositories: 3,
      },
    ]);
  });

  test("rename alone is neutral", () => {
    const change = {
      ...update("x", 1, 1),
      fields: [],
      rename: { from: "a", to: "c" },
    };
    expect(verdict(change)).toBe("neutral");
  });

  test("findings count the repositories", () => {
    const impact = classifyChange(update("risk_threshold", 1, 3), context);
    expect(impact.findings[0]?.repositories).toBe(12);
  });

  test("one weakening finding makes the change weakening", () => {
    const change = update("risk_threshold", 4, 2);
    change.fields.push({
      field: "analyzers.sqli",
      before: true,
      after: undefined,
    });
    expect(verdict(change)).toBe(
      "weakening: risk threshold lowered; analyzer removed",
    );
  });
});
