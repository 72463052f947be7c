import { afterEach, describe, expect, test } from "vitest";
import { ACME, BASELINE, KEY, type Harness, startHarness } from "./fixtures.js";

const COLLECTION = `/accounts/${ACME}/configurations`;

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.emulator.close();
  harness = undefined;
});

describe("recorded requests", () => {
  test("record method, path, query, body", async () => {
    harness = await startHarness();
    const listed = await harness.call(
      "GET",
      `${COLLECTION}?page=2&page=3&per_page=1`,
    );
    const created = await harness.call("POST", COLLECTION, {
      body: { configuration: { name: "recorded" } },
    });
    expect(harness.emulator.requests).toEqual([
      {
        method: "GET",
        path: `/v1${COLLECTION}`,
        query: { page: "2", per_page: "1" },
        status: 200,
        body: undefined,
        requestId: listed.headers.get("x-request-id"),
        response: { status: 200, body: listed.body },
      },
      {
        method: "POST",
        path: `/v1${COLLECTION}`,
        query: {},
        status: 201,
        body: { configuration: { name: "recorded" } },
        requestId: created.headers.get("x-request-id"),
        response: { status: 201, body: created.body },
      },
    ]);
    expect(listed.body).toMatchObject({
      meta: { page: 2, per_page: 1 },
    });
    expect(created.body).toMatchObject({ data: { name: "recorded" } });
  });

  test("record the response of a delete", async () => {
    harness = await startHarness();
    await harness.call("DELETE", `${COLLECTION}/${BASELINE}`);
    const [recorded] = harness.emulator.requests;
    expect(recorded?.status).toBe(204);
    expect(recorded?.response).toEqual({ status: 204, body: undefined });
  });

  test("keep responses after later writes", async () => {
    harness = await startHarness();
    const first = await harness.call("GET", `${COLLECTION}/${BASELINE}`);
    await harness.call("PATCH", `${COLLECTION}/${BASELINE}`, {
      body: { configuration: { name: "renamed" } },
    });
    expect(harness.emulator.requests[0]?.response.body).toEqual(first.body);
    expect(first.body).not.toMatchObject({ data: { name: "renamed" } });
  });

  test("record failed requests", async () => {
    harness = await startHarness();
    await harness.call("POST", COLLECTION, { rawBody: "{bad", key: null });
    await harness.call("PATCH", `${COLLECTION}/${BASELINE}`, {
      rawBody: "{bad",
    });
    expect(harness.emulator.requests.map((r) => [r.status, r.body])).toEqual([
      [401, undefined],
      [400, undefined],
    ]);
    expect(
      harness.emulator.requests.map((r) => [
        r.response.status,
        typeof (r.response.body as { error?: unknown }).error,
      ]),
    ).toEqual([
      [401, "string"],
      [400, "string"],
    ]);
  });

  test("never contain the key", async () => {
    harness = await startHarness();
    await harness.call("GET", "/accounts");
    await harness.call("POST", COLLECTION, {
      body: { configuration: { name: "k" } },
    });
    expect(JSON.stringify(harness.emulator.requests)).not.toContain(KEY);
    expect(JSON.stringify(harness.emulator.requests)).not.toContain("Bearer");
  });
});

describe("request log", () => {
  test("one line per request", async () => {
    const lines: string[] = [];
    harness = await startHarness({ log: (line) => lines.push(line) });
    const response = await harness.call("GET", "/accounts?page=1");
    await harness.call("GET", "/nope", { key: "secret-key-value" });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      new RegExp(
        `^GET /v1/accounts 200 \\d+ms ${response.headers.get("x-request-id")}$`,
      ),
    );
    expect(lines[1]).toMatch(/^GET \/v1\/nope 404 \d+ms [0-9a-f-]{36}$/);
    expect(lines.join("\n")).not.toContain(KEY);
    expect(lines.join("\n")).not.toContain("secret-key-value");
  });
});

describe("latency", () => {
  test("delays every response", async () => {
    harness = await startHarness({ latencyMs: 150 });
    const started = performance.now();
    const response = await harness.call("GET", "/nope");
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(response.status).toBe(404);
  });
});

describe("options", () => {
  test("rejects a bad port", async () => {
    await expect(startHarness({ port: 70000 })).rejects.toThrow(
      "emulator port must be an integer from 0 to 65535, got 70000",
    );
  });

  test("rejects negative latency", async () => {
    await expect(startHarness({ latencyMs: -5 })).rejects.toThrow(
      "emulator latencyMs must be a number of 0 or more, got -5",
    );
  });

  test("url names host and port", async () => {
    harness = await startHarness();
    expect(harness.emulator.url).toBe(
      `http://127.0.0.1:${harness.emulator.port}/v1`,
    );
  });
});
