import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ACME, BASELINE, type Harness, startHarness } from "./fixtures.js";

const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.emulator.close();
});

describe("routing", () => {
  test("unknown route is 404", async () => {
    const response = await harness.call("GET", "/nope");
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: "no route for GET /v1/nope" });
  });

  test("unknown route needs no key", async () => {
    const response = await harness.call("GET", "/nope", { key: null });
    expect(response.status).toBe(404);
  });

  test("path outside v1 is 404", async () => {
    const origin = harness.emulator.url.replace(/\/v1$/, "");
    const response = await fetch(`${origin}/accounts`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: "no route for GET /accounts",
    });
  });

  test("wrong method is 405 with allow", async () => {
    const response = await harness.call(
      "DELETE",
      `/accounts/${ACME}/configurations`,
    );
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST");
    expect(response.body).toEqual({
      error: `method DELETE is not allowed for /v1/accounts/${ACME}/configurations; allowed: GET, POST`,
    });
  });

  test("GET on an action is 405", async () => {
    const response = await harness.call(
      "GET",
      `/accounts/${ACME}/configurations/assign_repositories`,
    );
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  test("member path allows five methods", async () => {
    const response = await harness.call(
      "POST",
      `/accounts/${ACME}/configurations/${BASELINE}`,
    );
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, PUT, PATCH, DELETE");
  });

  test("trailing slash is ignored", async () => {
    const response = await harness.call(
      "GET",
      `/accounts/${ACME}/repositories/`,
    );
    expect(response.status).toBe(200);
  });

  test("malformed configuration id is 404", async () => {
    const response = await harness.call(
      "GET",
      `/accounts/${ACME}/configurations/not-a-uuid`,
    );
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: "configuration not found" });
  });

  test("malformed percent escape is 404", async () => {
    const response = await harness.call(
      "GET",
      `/accounts/${ACME}/configurations/%E0%A4%A`,
    );
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: "configuration not found" });
  });
});

describe("response headers", () => {
  test("every response has a request id", async () => {
    const responses = [
      await harness.call("GET", "/accounts"),
      await harness.call("GET", "/accounts", { key: null }),
      await harness.call("GET", "/nope"),
      await harness.call("DELETE", `/accounts/${ACME}/repositories`),
      await harness.call("GET", `/accounts/${ACME}/repositories?page=0`),
      await harness.call("POST", `/accounts/${ACME}/configurations`, {
        body: { configuration: { name: "headers" } },
      }),
      await harness.call("POST", `/accounts/${ACME}/configurations`, {
        body: [],
      }),
    ];
    const ids = responses.map((response) =>
      response.headers.get("x-request-id"),
    );
    for (const id of ids) {
      expect(id).toMatch(UUID);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("JSON bodies have content-type", async () => {
    const ok = await harness.call("GET", "/accounts");
    const error = await harness.call("GET", "/nope");
    expect(ok.headers.get("content-type")).toBe("application/json");
    expect(error.headers.get("content-type")).toBe("application/json");
  });

  test("204 has no body or content-type", async () => {
    const created = await harness.call(
      "POST",
      `/accounts/${ACME}/configurations`,
      {
        body: { configuration: { name: "to-delete" } },
      },
    );
    const id = (created.body as { data: { id: string } }).data.id;
    const response = await harness.call(
      "DELETE",
      `/accounts/${ACME}/configurations/${id}`,
    );
    expect(response.status).toBe(204);
    expect(response.body).toBeUndefined();
    expect(response.headers.get("content-type")).toBeNull();
    expect(response.headers.get("x-request-id")).toMatch(UUID);
  });
});
