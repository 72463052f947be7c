import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  ACME,
  BASELINE,
  CREATED,
  DEFAULT_SETTINGS,
  POLICIES,
  STRICT,
  type Harness,
  startHarness,
} from "./fixtures.js";

const BULK = `/accounts/${ACME}/configurations/bulk_update`;
const MISSING_CONFIGURATION = "c0000000-0000-4000-8000-00000000ffff";

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness();
});

afterEach(async () => {
  await harness.emulator.close();
});

describe("bulk_update", () => {
  test("updates each configuration", async () => {
    const response = await harness.call("POST", BULK, {
      body: {
        configuration_ids: [STRICT, BASELINE],
        updates: { risk_threshold: 5, notifications: { enabled: true } },
      },
    });
    expect(response.status).toBe(200);
    const data = (
      response.body as {
        data: { id: string; configuration: unknown; updated_at: string }[];
      }
    ).data;
    expect(data.map((c) => c.id)).toEqual([STRICT, BASELINE]);
    expect(data[1]?.configuration).toEqual({
      ...DEFAULT_SETTINGS,
      risk_threshold: 5,
      notifications: {
        enabled: true,
        deduplicate: false,
        integrationNames: [],
      },
    });
    expect(data[0]?.configuration).toMatchObject({
      risk_threshold: 5,
      analyzers: { sqli: true },
      code_policies: [
        { id: POLICIES[0], enabled: true, silent: null, blocking: null },
      ],
    });
    expect(data[0]?.updated_at).not.toBe(CREATED);

    const get = await harness.call(
      "GET",
      `/accounts/${ACME}/configurations/${BASELINE}`,
    );
    expect((get.body as { data: unknown }).data).toEqual(data[1]);
  });

  test("missing ids are 404", async () => {
    const response = await harness.call("POST", BULK, {
      body: {
        configuration_ids: [STRICT, MISSING_CONFIGURATION, "nope"],
        updates: { risk_threshold: 5 },
      },
    });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({
      error: `configurations not found: ${MISSING_CONFIGURATION}, nope`,
    });
    const get = await harness.call(
      "GET",
      `/accounts/${ACME}/configurations/${STRICT}`,
    );
    expect(get.body).toMatchObject({
      data: { configuration: { risk_threshold: 2 } },
    });
  });

  test.each([
    [
      "invalid updates",
      {
        configuration_ids: [STRICT, BASELINE],
        updates: { risk_threshold: "x" },
      },
      'updates.risk_threshold must be an integer, got "x"',
    ],
    [
      "unknown update key",
      { configuration_ids: [STRICT], updates: { name: "x" } },
      "updates.name is not a known setting (known: comment, show_scan_confirmation, risk_threshold, analyzers, code_policies, notifications)",
    ],
    ["missing updates", { configuration_ids: [STRICT] }, "updates is required"],
    [
      "empty ids",
      { configuration_ids: [], updates: {} },
      "configuration_ids must be a non-empty array of configuration ids, got an array",
    ],
    [
      "ids not array",
      { configuration_ids: STRICT, updates: {} },
      `configuration_ids must be a non-empty array of configuration ids, got "${STRICT}"`,
    ],
    [
      "id not string",
      { configuration_ids: [STRICT, 3], updates: {} },
      "configuration_ids[1] must be a string, got 3",
    ],
  ])("rejects %s", async (_case, body, message) => {
    const response = await harness.call("POST", BULK, { body });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ error: message });
    const list = await harness.call("GET", `/accounts/${ACME}/configurations`);
    const thresholds = (
      list.body as { data: { configuration: { risk_threshold: number } }[] }
    ).data.map((c) => c.configuration.risk_threshold);
    expect(thresholds).toEqual([0, 2]);
  });
});
