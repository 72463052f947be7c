import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ACME,
  GLOBEX,
  INITECH,
  OTHER_KEY,
  type Harness,
  startHarness,
} from "./fixtures.js";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.emulator.close();
});

describe("authentication", () => {
  test("missing key is 401", async () => {
    const response = await harness.call("GET", "/accounts", { key: null });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      error: "missing API key; send the header Authorization: Bearer <key>",
    });
    expect(response.headers.get("www-authenticate")).toBe("Bearer");
  });

  test("unknown key is 401", async () => {
    const response = await harness.call("GET", "/accounts", {
      key: "dryrunsec_wrong",
    });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ error: "invalid API key" });
  });

  test("key prefix of a real key is 401", async () => {
    const response = await harness.call("GET", "/accounts", {
      key: "dryrunsec_test",
    });
    expect(response.status).toBe(401);
  });

  test("non-Bearer scheme is 401", async () => {
    const response = await fetch(`${harness.emulator.url}/accounts`, {
      headers: { authorization: "Basic dXNlcjpwYXNz" },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: "the Authorization header must have the form Bearer <key>",
    });
  });

  test("scheme name ignores case", async () => {
    const response = await fetch(`${harness.emulator.url}/accounts`, {
      headers: { authorization: "bearer dryrunsec_test_key" },
    });
    expect(response.status).toBe(200);
  });
});

describe("account scope", () => {
  test("accounts lists only the key's accounts", async () => {
    const response = await harness.call("GET", "/accounts");
    const ids = (response.body as { data: { account_id: string }[] }).data.map(
      (account) => account.account_id,
    );
    expect(ids).toEqual([ACME, GLOBEX]);
  });

  test("other key sees its own account", async () => {
    const response = await harness.call("GET", "/accounts", { key: OTHER_KEY });
    const ids = (response.body as { data: { account_id: string }[] }).data.map(
      (account) => account.account_id,
    );
    expect(ids).toEqual([INITECH]);
  });

  test("account outside scope is 404", async () => {
    const response = await harness.call(
      "GET",
      `/accounts/${INITECH}/repositories`,
    );
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: "account not found" });
  });

  test("nonexistent account is 404", async () => {
    const response = await harness.call(
      "GET",
      "/accounts/a0000000-0000-4000-8000-00000000ffff/repositories",
    );
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: "account not found" });
  });

  test("malformed account id is 404", async () => {
    const response = await harness.call("GET", "/accounts/acme/repositories");
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: "account not found" });
  });

  test("write outside scope is 404", async () => {
    const response = await harness.call(
      "POST",
      `/accounts/${INITECH}/configurations`,
      {
        body: { configuration: { name: "x" } },
      },
    );
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: "account not found" });
  });
});
