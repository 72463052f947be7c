import { afterEach, beforeEach, describe, expect, test } from "vitest";
import {
  ACME,
  BASELINE,
  CREATED,
  DEFAULT_SETTINGS,
  POLICIES,
  REPO_BILLING,
  REPO_PAYMENTS,
  REPO_USERS,
  REPO_WEB,
  STRICT,
  type Harness,
  startHarness,
} from "./fixtures.js";

const COLLECTION = `/accounts/${ACME}/configurations`;
const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface Configuration {
  id: string;
  name: string;
  configuration: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness();
});

afterEach(async () => {
  await harness.emulator.close();
});

async function configurationOf(id: string): Promise<Configuration> {
  const response = await harness.call("GET", `${COLLECTION}/${id}`);
  return (response.body as { data: Configuration }).data;
}

async function assignmentOf(repositoryId: string): Promise<string | null> {
  const response = await harness.call("GET", `/accounts/${ACME}/repositories`);
  const repositories = (
    response.body as { data: { id: string; configuration_id: string | null }[] }
  ).data;
  return (
    repositories.find((r) => r.id === repositoryId)?.configuration_id ?? null
  );
}

describe("configuration reads", () => {
  test("list has full objects", async () => {
    const response = await harness.call("GET", COLLECTION);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: [
        {
          id: BASELINE,
          name: "baseline",
          configuration: DEFAULT_SETTINGS,
          created_at: CREATED,
          updated_at: CREATED,
        },
        {
          id: STRICT,
          name: "strict",
          configuration: {
            ...DEFAULT_SETTINGS,
            risk_threshold: 2,
            analyzers: { sqli: true },
            code_policies: [
              { id: POLICIES[0], enabled: true, silent: null, blocking: null },
            ],
            notifications: {
              enabled: true,
              deduplicate: false,
              integrationNames: [],
            },
          },
          created_at: CREATED,
          updated_at: CREATED,
        },
      ],
      meta: { total: 2, page: 1, per_page: 50, total_pages: 1 },
    });
  });

  test("get by id", async () => {
    const response = await harness.call("GET", `${COLLECTION}/${BASELINE}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: {
        id: BASELINE,
        name: "baseline",
        configuration: DEFAULT_SETTINGS,
        created_at: CREATED,
        updated_at: CREATED,
      },
    });
  });

  test("unknown id is 404", async () => {
    const response = await harness.call(
      "GET",
      `${COLLECTION}/c0000000-0000-4000-8000-00000000ffff`,
    );
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: "configuration not found" });
  });
});

describe("list without configuration body", () => {
  test("list items omit settings", async () => {
    await harness.emulator.close();
    harness = await startHarness({ listIncludesConfiguration: false });
    const list = await harness.call("GET", COLLECTION);
    expect((list.body as { data: unknown[] }).data).toEqual([
      {
        id: BASELINE,
        name: "baseline",
        created_at: CREATED,
        updated_at: CREATED,
      },
      { id: STRICT, name: "strict", created_at: CREATED, updated_at: CREATED },
    ]);
    const single = await configurationOf(STRICT);
    expect(single.configuration).toMatchObject({ risk_threshold: 2 });
  });
});

describe("create", () => {
  test("fills defaults and returns 201", async () => {
    const before = Date.now();
    const response = await harness.call("POST", COLLECTION, {
      body: { configuration: { name: "new", configuration: {} } },
    });
    expect(response.status).toBe(201);
    const created = (response.body as { data: Configuration }).data;
    expect(created.id).toMatch(UUID);
    expect(created).toEqual({
      id: created.id,
      name: "new",
      configuration: DEFAULT_SETTINGS,
      created_at: created.created_at,
      updated_at: created.created_at,
    });
    expect(Date.parse(created.created_at)).toBeGreaterThanOrEqual(
      before - 1000,
    );
  });

  test("stores settings sent", async () => {
    const settings = {
      comment: "enabled",
      show_scan_confirmation: true,
      risk_threshold: 3,
      analyzers: { sqli: true, xss: { mode: "strict" } },
      code_policies: [
        { id: POLICIES[1], enabled: true, silent: false, blocking: true },
        { id: POLICIES[2] },
      ],
      notifications: { enabled: true, integrationNames: ["security-slack"] },
    };
    const response = await harness.call("POST", COLLECTION, {
      body: { configuration: { name: "full", configuration: settings } },
    });
    const created = (response.body as { data: Configuration }).data;
    expect(created.configuration).toEqual({
      ...settings,
      code_policies: [
        { id: POLICIES[1], enabled: true, silent: false, blocking: true },
        { id: POLICIES[2], enabled: null, silent: null, blocking: null },
      ],
      notifications: {
        enabled: true,
        deduplicate: false,
        integrationNames: ["security-slack"],
      },
    });
    expect(await configurationOf(created.id)).toEqual(created);
  });

  test("without settings uses defaults", async () => {
    const response = await harness.call("POST", COLLECTION, {
      body: { configuration: { name: "bare" } },
    });
    expect(response.status).toBe(201);
    const created = (response.body as { data: Configuration }).data;
    expect(created.configuration).toEqual(DEFAULT_SETTINGS);
  });

  test("assigns repositories", async () => {
    const response = await harness.call("POST", COLLECTION, {
      body: {
        configuration: { name: "with-repos" },
        repositories: [REPO_WEB, REPO_PAYMENTS],
      },
    });
    const created = (response.body as { data: Configuration }).data;
    expect(await assignmentOf(REPO_WEB)).toBe(created.id);
    expect(await assignmentOf(REPO_PAYMENTS)).toBe(created.id);
    expect(await assignmentOf(REPO_USERS)).toBe(BASELINE);
  });

  test("appends to the list", async () => {
    await harness.call("POST", COLLECTION, {
      body: { configuration: { name: "third" } },
    });
    const list = await harness.call("GET", COLLECTION);
    const names = (list.body as { data: Configuration[] }).data.map(
      (c) => c.name,
    );
    expect(names).toEqual(["baseline", "strict", "third"]);
  });

  test("allows 7 enabled of 8 policies", async () => {
    const codePolicies = POLICIES.map((id, index) => ({
      id,
      enabled: index !== 0,
    }));
    const response = await harness.call("POST", COLLECTION, {
      body: {
        configuration: {
          name: "seven",
          configuration: { code_policies: codePolicies },
        },
      },
    });
    expect(response.status).toBe(201);
  });
});

describe("replace (PUT)", () => {
  test("resets unsent settings", async () => {
    const response = await harness.call("PUT", `${COLLECTION}/${STRICT}`, {
      body: {
        configuration: {
          name: "strict",
          configuration: { show_scan_confirmation: true },
        },
      },
    });
    expect(response.status).toBe(200);
    const replaced = (response.body as { data: Configuration }).data;
    expect(replaced.configuration).toEqual({
      ...DEFAULT_SETTINGS,
      show_scan_confirmation: true,
    });
    expect(replaced.created_at).toBe(CREATED);
    expect(replaced.updated_at).not.toBe(CREATED);
    expect(await configurationOf(STRICT)).toEqual(replaced);
  });

  test("requires a name", async () => {
    const response = await harness.call("PUT", `${COLLECTION}/${STRICT}`, {
      body: { configuration: { configuration: {} } },
    });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({ error: "configuration.name is required" });
  });

  test("unknown id is 404", async () => {
    const response = await harness.call(
      "PUT",
      `${COLLECTION}/c0000000-0000-4000-8000-00000000ffff`,
      { body: { configuration: { name: "x" } } },
    );
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: "configuration not found" });
  });
});

describe("update (PATCH)", () => {
  test("renames", async () => {
    const response = await harness.call("PATCH", `${COLLECTION}/${BASELINE}`, {
      body: { configuration: { name: "default" } },
    });
    expect(response.status).toBe(200);
    const updated = (response.body as { data: Configuration }).data;
    expect(updated.name).toBe("default");
    expect(updated.configuration).toEqual(DEFAULT_SETTINGS);
    expect(updated.updated_at).not.toBe(CREATED);
  });

  test("keeps own name in other case", async () => {
    const response = await harness.call("PATCH", `${COLLECTION}/${BASELINE}`, {
      body: { configuration: { name: "Baseline" } },
    });
    expect(response.status).toBe(200);
    expect((await configurationOf(BASELINE)).name).toBe("Baseline");
  });

  test("replaces only keys sent", async () => {
    const response = await harness.call("PATCH", `${COLLECTION}/${STRICT}`, {
      body: {
        configuration: {
          configuration: {
            comment: "enabled",
            notifications: { deduplicate: true },
          },
        },
      },
    });
    const updated = (response.body as { data: Configuration }).data;
    expect(updated.name).toBe("strict");
    expect(updated.configuration).toEqual({
      ...DEFAULT_SETTINGS,
      comment: "enabled",
      risk_threshold: 2,
      analyzers: { sqli: true },
      code_policies: [
        { id: POLICIES[0], enabled: true, silent: null, blocking: null },
      ],
      notifications: {
        enabled: false,
        deduplicate: true,
        integrationNames: [],
      },
    });
  });

  test("empty code policies clear them", async () => {
    await harness.call("PATCH", `${COLLECTION}/${STRICT}`, {
      body: { configuration: { configuration: { code_policies: [] } } },
    });
    expect(
      (await configurationOf(STRICT)).configuration["code_policies"],
    ).toEqual([]);
  });

  test("assigns without unassigning", async () => {
    const response = await harness.call("PATCH", `${COLLECTION}/${STRICT}`, {
      body: { repositories: [REPO_WEB] },
    });
    expect(response.status).toBe(200);
    expect(await assignmentOf(REPO_WEB)).toBe(STRICT);
    expect(await assignmentOf(REPO_PAYMENTS)).toBe(STRICT);
    expect(await assignmentOf(REPO_BILLING)).toBe(BASELINE);
  });

  test("repositories alone keep updated_at", async () => {
    const response = await harness.call("PATCH", `${COLLECTION}/${STRICT}`, {
      body: { repositories: [REPO_WEB] },
    });
    expect((response.body as { data: Configuration }).data.updated_at).toBe(
      CREATED,
    );
  });

  test("rename to a taken name is 422", async () => {
    const response = await harness.call("PATCH", `${COLLECTION}/${STRICT}`, {
      body: { configuration: { name: "BASELINE" } },
    });
    expect(response.status).toBe(422);
    expect(response.body).toEqual({
      error: `configuration.name "BASELINE" is already used by configuration ${BASELINE} ("baseline"); names must be unique, ignoring case`,
    });
    expect((await configurationOf(STRICT)).name).toBe("strict");
  });

  test("unknown id is 404", async () => {
    const response = await harness.call(
      "PATCH",
      `${COLLECTION}/c0000000-0000-4000-8000-00000000ffff`,
      { body: {} },
    );
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: "configuration not found" });
  });
});

describe("delete", () => {
  test("returns 204 and unassigns", async () => {
    const response = await harness.call("DELETE", `${COLLECTION}/${BASELINE}`);
    expect(response.status).toBe(204);
    expect(response.body).toBeUndefined();
    expect(await assignmentOf(REPO_USERS)).toBeNull();
    expect(await assignmentOf(REPO_BILLING)).toBeNull();
    expect(await assignmentOf(REPO_PAYMENTS)).toBe(STRICT);
    const get = await harness.call("GET", `${COLLECTION}/${BASELINE}`);
    expect(get.status).toBe(404);
  });

  test("unknown id is 404", async () => {
    const response = await harness.call(
      "DELETE",
      `${COLLECTION}/c0000000-0000-4000-8000-00000000ffff`,
    );
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: "configuration not found" });
  });

  test("second delete is 404", async () => {
    await harness.call("DELETE", `${COLLECTION}/${BASELINE}`);
    const response = await harness.call("DELETE", `${COLLECTION}/${BASELINE}`);
    expect(response.status).toBe(404);
  });
});
