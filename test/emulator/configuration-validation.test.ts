import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ACME,
  BASELINE,
  POLICIES,
  STRICT,
  type Harness,
  startHarness,
} from "./fixtures.js";

const COLLECTION = `/accounts/${ACME}/configurations`;
const SETTINGS = "configuration.configuration";
const UNKNOWN_ID = "b0000000-0000-4000-8000-00000000ffff";
const UNKNOWN_POLICY = "f0000000-0000-4000-8000-00000000ffff";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.emulator.close();
});

/** Returns a create body with the given settings and name "valid-name". */
function withSettings(settings: unknown): unknown {
  return { configuration: { name: "valid-name", configuration: settings } };
}

async function expectUnchanged(): Promise<void> {
  const list = await harness.call("GET", COLLECTION);
  const names = (list.body as { data: { name: string }[] }).data.map(
    (c) => c.name,
  );
  expect(names).toEqual(["baseline", "strict"]);
}

describe("create body", () => {
  test.each([
    ["array body", [], "request body must be a JSON object, got an array"],
    ["string body", "x", 'request body must be a JSON object, got "x"'],
    ["no configuration", {}, "configuration.name is required"],
    [
      "configuration not object",
      { configuration: "x" },
      'configuration must be an object, got "x"',
    ],
    [
      "unknown body field",
      { configuration: { name: "a" }, name: "a" },
      "name is not a known field (known: configuration, repositories)",
    ],
    [
      "unknown configuration field",
      { configuration: { name: "a", settings: {} } },
      "configuration.settings is not a known field (known: name, configuration)",
    ],
    ["missing name", { configuration: {} }, "configuration.name is required"],
    [
      "numeric name",
      { configuration: { name: 5 } },
      "configuration.name must be a string, got 5",
    ],
    [
      "empty name",
      { configuration: { name: "  " } },
      "configuration.name must not be empty",
    ],
    [
      "padded name",
      { configuration: { name: " api" } },
      'configuration.name must not start or end with whitespace, got " api"',
    ],
    [
      "taken name",
      { configuration: { name: "Strict" } },
      `configuration.name "Strict" is already used by configuration ${STRICT} ("strict"); names must be unique, ignoring case`,
    ],
    [
      "repositories not array",
      { configuration: { name: "a" }, repositories: "x" },
      'repositories must be an array of repository ids, got "x"',
    ],
    [
      "repository id not string",
      { configuration: { name: "a" }, repositories: [1] },
      "repositories[0] must be a string, got 1",
    ],
    [
      "unknown repository",
      { configuration: { name: "a" }, repositories: [UNKNOWN_ID, "nope"] },
      `repositories contains ids of no repository in this account: ${UNKNOWN_ID}, nope`,
    ],
  ])("rejects %s", async (_case, body, message) => {
    const response = await harness.call("POST", COLLECTION, { body });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ error: message });
    await expectUnchanged();
  });
});

describe("settings", () => {
  test.each([
    ["settings not object", [], `${SETTINGS} must be an object, got an array`],
    [
      "comment not string",
      { comment: 1 },
      `${SETTINGS}.comment must be a string, got 1`,
    ],
    [
      "confirmation not boolean",
      { show_scan_confirmation: "yes" },
      `${SETTINGS}.show_scan_confirmation must be a boolean, got "yes"`,
    ],
    [
      "threshold as string",
      { risk_threshold: "2" },
      `${SETTINGS}.risk_threshold must be an integer, got "2"`,
    ],
    [
      "threshold fractional",
      { risk_threshold: 1.5 },
      `${SETTINGS}.risk_threshold must be an integer, got 1.5`,
    ],
    [
      "threshold negative",
      { risk_threshold: -1 },
      `${SETTINGS}.risk_threshold must be 0 or more, got -1`,
    ],
    [
      "analyzers array",
      { analyzers: [] },
      `${SETTINGS}.analyzers must be an object keyed by analyzer slug, got an array`,
    ],
    [
      "analyzer value number",
      { analyzers: { sqli: 1 } },
      `${SETTINGS}.analyzers.sqli must be a boolean or an object, got 1`,
    ],
    [
      "policies not array",
      { code_policies: {} },
      `${SETTINGS}.code_policies must be an array, got an object`,
    ],
    [
      "policy not object",
      { code_policies: ["x"] },
      `${SETTINGS}.code_policies[0] must be an object, got "x"`,
    ],
    [
      "policy without id",
      { code_policies: [{ enabled: true }] },
      `${SETTINGS}.code_policies[0].id is required`,
    ],
    [
      "policy id number",
      { code_policies: [{ id: 7 }] },
      `${SETTINGS}.code_policies[0].id must be a string, got 7`,
    ],
    [
      "unknown policy",
      { code_policies: [{ id: UNKNOWN_POLICY }] },
      `${SETTINGS}.code_policies[0].id "${UNKNOWN_POLICY}" is not a custom policy of this account; list the account's policies with GET custom_policies`,
    ],
    [
      "policy flag string",
      { code_policies: [{ id: POLICIES[0], blocking: "yes" }] },
      `${SETTINGS}.code_policies[0].blocking must be a boolean or null, got "yes"`,
    ],
    [
      "policy unknown field",
      { code_policies: [{ id: POLICIES[0], name: "x" }] },
      `${SETTINGS}.code_policies[0].name is not a known field (known: id, enabled, silent, blocking)`,
    ],
    [
      "duplicate policy",
      { code_policies: [{ id: POLICIES[0] }, { id: POLICIES[0] }] },
      `${SETTINGS}.code_policies[1].id "${POLICIES[0]}" is listed more than once; list each code policy once`,
    ],
    [
      "eight enabled policies",
      { code_policies: POLICIES.map((id) => ({ id, enabled: true })) },
      `${SETTINGS}.code_policies has 8 enabled code policies, but at most 7 enabled code policies are allowed; set enabled to false on the others`,
    ],
    [
      "null enabled counts",
      { code_policies: POLICIES.map((id) => ({ id, enabled: null })) },
      `${SETTINGS}.code_policies has 8 enabled code policies, but at most 7 enabled code policies are allowed; set enabled to false on the others`,
    ],
    [
      "notifications not object",
      { notifications: true },
      `${SETTINGS}.notifications must be an object, got true`,
    ],
    [
      "notification flag string",
      { notifications: { enabled: "yes" } },
      `${SETTINGS}.notifications.enabled must be a boolean, got "yes"`,
    ],
    [
      "integrations not array",
      { notifications: { integrationNames: "slack" } },
      `${SETTINGS}.notifications.integrationNames must be an array of strings, got "slack"`,
    ],
    [
      "integration not string",
      { notifications: { integrationNames: [1] } },
      `${SETTINGS}.notifications.integrationNames[0] must be a string, got 1`,
    ],
    [
      "notification unknown field",
      { notifications: { integrations: [] } },
      `${SETTINGS}.notifications.integrations is not a known field (known: enabled, deduplicate, integrationNames)`,
    ],
    [
      "unknown setting",
      { risk_treshold: 1 },
      `${SETTINGS}.risk_treshold is not a known setting (known: comment, show_scan_confirmation, risk_threshold, analyzers, code_policies, notifications)`,
    ],
  ])("rejects %s", async (_case, settings, message) => {
    const response = await harness.call("POST", COLLECTION, {
      body: withSettings(settings),
    });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ error: message });
    await expectUnchanged();
  });

  test("reports every problem", async () => {
    const response = await harness.call("POST", COLLECTION, {
      body: {
        configuration: {
          name: "",
          configuration: { risk_threshold: "2", comment: false },
        },
        repositories: [UNKNOWN_ID],
      },
    });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      error: [
        "configuration.name must not be empty",
        `${SETTINGS}.risk_threshold must be an integer, got "2"`,
        `${SETTINGS}.comment must be a string, got false`,
        `repositories contains ids of no repository in this account: ${UNKNOWN_ID}`,
      ].join("; "),
    });
  });

  test("PATCH validates the same way", async () => {
    const response = await harness.call("PATCH", `${COLLECTION}/${BASELINE}`, {
      body: { configuration: { configuration: { risk_threshold: "2" } } },
    });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      error: `${SETTINGS}.risk_threshold must be an integer, got "2"`,
    });
    const get = await harness.call("GET", `${COLLECTION}/${BASELINE}`);
    expect(get.body).toMatchObject({
      data: { configuration: { risk_threshold: 0 } },
    });
  });
});

describe("request bodies", () => {
  test("malformed JSON is 400", async () => {
    const response = await harness.call("POST", COLLECTION, {
      rawBody: "{oops",
    });
    expect(response.status).toBe(400);
    expect((response.body as { error: string }).error).toMatch(
      /^request body is not valid JSON: /,
    );
  });

  test("deeply nested body is 400 and stores nothing", async () => {
    const depth = 6000;
    const nested = `${'{"a":'.repeat(depth)}true${"}".repeat(depth)}`;
    const response = await harness.call("POST", COLLECTION, {
      rawBody: `{"configuration":{"name":"deep","configuration":{"analyzers":{"x":${nested}}}}}`,
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error:
        "request body is nested more than 64 levels deep; send a flatter body",
    });
    const list = await harness.call("GET", COLLECTION);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain('"deep"');
  });

  test("empty body is 422", async () => {
    const response = await harness.call("POST", COLLECTION, { rawBody: "" });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      error: "request body must be a JSON object, got nothing",
    });
  });

  test("body over 1 MiB is 413", async () => {
    const name = "x".repeat(1024 * 1024);
    const response = await harness.call("POST", COLLECTION, {
      body: { configuration: { name } },
    });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({
      error:
        "request body is larger than 1048576 bytes (1 MiB); send a smaller body",
    });
    await expectUnchanged();
  });

  test("connection survives a 413", async () => {
    await harness.call("POST", COLLECTION, {
      rawBody: "x".repeat(2 * 1024 * 1024),
    });
    const response = await harness.call("GET", COLLECTION);
    expect(response.status).toBe(200);
  });
});
