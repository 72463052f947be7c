import { describe, expect, test } from "vitest";
import { diffSettings } from "../../src/plan/compare.js";
import { formatValue } from "../../src/plan/format-value.js";

const name = (id: string) => `policy ${id}`;

describe("diffSettings", () => {
  test("unmanaged fields are ignored", () => {
    const diff = diffSettings(
      { risk_threshold: 2 },
      {
        risk_threshold: 2,
        comment: "x",
        analyzers: { sqli: true },
        extra: 1,
      } as object,
      name,
    );
    expect(diff.changes).toEqual([]);
    expect(diff.body).toEqual({});
    expect(diff.before).toEqual({ risk_threshold: 2 });
    expect(diff.after).toEqual({ risk_threshold: 2 });
  });

  test.each([
    ["empty comment, null live", { comment: "" }, { comment: null }],
    ["empty comment, missing live", { comment: "" }, {}],
    [
      "false analyzer, missing live",
      { analyzers: { xss: false } },
      { analyzers: {} },
    ],
    [
      "false analyzer, null live",
      { analyzers: { xss: false } },
      { analyzers: { xss: null } },
    ],
    [
      "missing analyzer, false live",
      { analyzers: { sqli: true } },
      { analyzers: { sqli: true, xss: false } },
    ],
    [
      "no analyzers, null live",
      { analyzers: {} },
      { analyzers: { xss: null } },
    ],
  ])("%s compare equal", (_case, desired, live) => {
    const diff = diffSettings(desired as object, live as object, name);
    expect(diff.changes).toEqual([]);
  });

  test("analyzer turned on from missing is a change", () => {
    const diff = diffSettings(
      { analyzers: { xss: true } },
      { analyzers: {} },
      name,
    );
    expect(diff.changes).toEqual([
      { field: "analyzers", before: {}, after: undefined },
      { field: "analyzers.xss", before: undefined, after: true },
    ]);
    expect(diff.body).toEqual({ analyzers: { xss: true } });
  });

  test("equal map in another key order shows as written", () => {
    const diff = diffSettings(
      { risk_threshold: 2, analyzers: { ssrf: { enabled: true, level: 3 } } },
      { risk_threshold: 1, analyzers: { ssrf: { level: 3, enabled: true } } },
      name,
    );
    expect(diff.changes).toEqual([
      { field: "risk_threshold", before: 1, after: 2 },
    ]);
    expect(formatValue(diff.before["analyzers.ssrf"])).toBe(
      "{ enabled = true, level = 3 }",
    );
  });

  test("flattened fields in format order", () => {
    const diff = diffSettings(
      {
        notifications: { enabled: true, integrationNames: ["b", "a"] },
        code_policies: [
          { id: "x", enabled: true, silent: false, blocking: true },
        ],
        analyzers: { xss: true, sqli: false },
        risk_threshold: 2,
      },
      { analyzers: { sqli: true }, notifications: null },
      name,
    );
    expect(Object.keys(diff.after)).toEqual([
      "risk_threshold",
      "analyzers.sqli",
      "analyzers.xss",
      'code_policies["policy x"]',
      "notifications.enabled",
      "notifications.integrations",
    ]);
    expect(diff.before).toEqual({
      risk_threshold: undefined,
      "analyzers.sqli": true,
      code_policies: [],
      "notifications.enabled": false,
      "notifications.integrations": [],
    });
    expect(diff.changes.map((change) => change.field)).toEqual([
      "risk_threshold",
      "analyzers.sqli",
      "analyzers.xss",
      "code_policies",
      'code_policies["policy x"]',
      "notifications.enabled",
      "notifications.integrations",
    ]);
  });

  test("create compares with nothing", () => {
    const diff = diffSettings(
      { show_scan_confirmation: false },
      undefined,
      name,
    );
    expect(diff.before).toEqual({});
    expect(diff.changes).toEqual([
      { field: "show_scan_confirmation", before: undefined, after: false },
    ]);
  });

  test("changed scalar is sent alone", () => {
    const diff = diffSettings(
      { risk_threshold: 2, comment: "disabled" },
      { risk_threshold: 3, comment: "disabled" },
      name,
    );
    expect(diff.changes).toEqual([
      { field: "risk_threshold", before: 3, after: 2 },
    ]);
    expect(diff.body).toEqual({ risk_threshold: 2 });
  });

  test("live null boolean equals false", () => {
    const diff = diffSettings(
      { show_scan_confirmation: false, notifications: { enabled: false } },
      { show_scan_confirmation: null, notifications: null },
      name,
    );
    expect(diff.changes).toEqual([]);
  });

  test("code policies match by id", () => {
    const diff = diffSettings(
      {
        code_policies: [
          { id: "a", enabled: true, silent: false, blocking: true },
          { id: "b", enabled: true, silent: false, blocking: false },
        ],
      },
      {
        code_policies: [
          { id: "b", enabled: null, silent: null, blocking: null },
          { id: "a", enabled: true, silent: false, blocking: true },
        ],
      },
      name,
    );
    expect(diff.changes).toEqual([]);
  });

  test("code policy flag change", () => {
    const desired = [
      { id: "a", enabled: true, silent: false, blocking: false },
    ];
    const diff = diffSettings(
      { code_policies: desired },
      {
        code_policies: [
          { id: "a", enabled: true, silent: false, blocking: true },
        ],
      },
      name,
    );
    expect(diff.changes).toEqual([
      {
        field: 'code_policies["policy a"]',
        before: { enabled: true, silent: false, blocking: true },
        after: { enabled: true, silent: false, blocking: false },
      },
    ]);
    expect(diff.body).toEqual({ code_policies: desired });
  });

  test("empty list clears live policies", () => {
    const diff = diffSettings(
      { code_policies: [] },
      { code_policies: [{ id: "a" }] },
      name,
    );
    expect(diff.changes).toEqual([
      { field: "code_policies", before: undefined, after: [] },
      {
        field: 'code_policies["policy a"]',
        before: { enabled: true, silent: false, blocking: false },
        after: undefined,
      },
    ]);
    expect(diff.body).toEqual({ code_policies: [] });
  });

  test("null live list equals empty", () => {
    expect(
      diffSettings({ code_policies: [] }, { code_policies: null }, name)
        .changes,
    ).toEqual([]);
    expect(
      diffSettings(
        { notifications: { integrationNames: [] } },
        { notifications: { integrationNames: null } },
        name,
      ).changes,
    ).toEqual([]);
  });

  test("integrations compare as sets", () => {
    const diff = diffSettings(
      { notifications: { integrationNames: ["b", "a"] } },
      { notifications: { enabled: true, integrationNames: ["a", "b"] } },
      name,
    );
    expect(diff.changes).toEqual([]);
  });

  test("notifications body keeps unmanaged sub-keys", () => {
    const diff = diffSettings(
      { notifications: { integrationNames: ["a", "c"] } },
      {
        notifications: {
          enabled: true,
          deduplicate: false,
          integrationNames: ["a"],
        },
      },
      name,
    );
    expect(diff.changes).toEqual([
      { field: "notifications.integrations", before: ["a"], after: ["a", "c"] },
    ]);
    expect(diff.body).toEqual({
      notifications: {
        enabled: true,
        deduplicate: false,
        integrationNames: ["a", "c"],
      },
    });
  });

  test("analyzers are managed whole", () => {
    const diff = diffSettings(
      { analyzers: { sqli: true } },
      { analyzers: { sqli: true, xss: true } },
      name,
    );
    expect(diff.changes).toEqual([
      { field: "analyzers.xss", before: true, after: undefined },
    ]);
    expect(diff.body).toEqual({ analyzers: { sqli: true } });
  });

  test("analyzer objects compare deeply", () => {
    const diff = diffSettings(
      { analyzers: { sqli: { enabled: true, level: 2 } } },
      { analyzers: { sqli: { level: 2.0, enabled: true } } },
      name,
    );
    expect(diff.changes).toEqual([]);
  });
});
