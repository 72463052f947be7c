import { minimatch } from "minimatch";
import { describe, expect, test } from "vitest";
import {
  listConfigurations,
  listRepositories,
  updateConfiguration,
  assignRepositories,
  type Configuration,
} from "../../src/api/index.js";
import type { SeedFile } from "../../src/emulator/index.js";
import { runCli } from "../support/cli.js";
import {
  ACME_KEY,
  apiClient,
  cliEnv,
  EXAMPLE_DIR,
  loadExampleSeed,
  startTestEmulator,
  writes,
} from "../support/emulator.js";

/** What each example configuration claims, written out independently. */
const CLAIMS: Record<
  string,
  { names?: string[]; include: string[]; exclude: string[] }
> = {
  baseline: { include: ["web-*", "frontend-*"], exclude: ["*-archive"] },
  "backend-strict": {
    names: ["payments-api", "payments-worker", "ledger-service"],
    include: ["api-*"],
    exclude: ["*-sandbox"],
  },
  services: { include: ["svc-*"], exclude: ["*-sandbox"] },
  "infra-as-code": {
    include: ["terraform-*", "infra-*", "k8s-*"],
    exclude: [],
  },
};

function claimant(name: string): string | undefined {
  const matches = (pattern: string) =>
    minimatch(name, pattern, { dot: true, nocase: true });
  return Object.entries(CLAIMS).find(
    ([, claim]) =>
      (claim.names ?? []).some(
        (exact) => exact.toLowerCase() === name.toLowerCase(),
      ) ||
      (claim.include.some(matches) && !claim.exclude.some(matches)),
  )?.[0];
}

function policyIds(seed: SeedFile) {
  const policies = seed.accounts[0]?.custom_policies ?? [];
  return (name: string) => {
    const found = policies.find((policy) => policy.name === name);
    if (!found) throw new Error(`no policy ${name} in the example seed`);
    return found.id;
  };
}

async function applyExample() {
  const seed = await loadExampleSeed();
  const emulator = await startTestEmulator(seed);
  const env = cliEnv(emulator, ACME_KEY);
  const applied = await runCli(["apply", EXAMPLE_DIR, "--auto-approve"], {
    env,
  });
  return { seed, emulator, env, applied };
}

function byName(configurations: Configuration[], name: string) {
  const found = configurations.find(
    (configuration) => configuration.name === name,
  );
  if (!found) throw new Error(`no configuration ${name}`);
  return found;
}

describe("example config on the emulator", () => {
  test("apply then plan shows no changes", async () => {
    const { applied, env } = await applyExample();
    expect(applied.stderr).not.toContain("error");
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("Apply complete: 5 steps done.");

    const again = await runCli(["plan", EXAMPLE_DIR, "--detailed-exitcode"], {
      env,
    });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("No changes. Everything matches the files.");
  });

  test("account read back equals the files", async () => {
    const { seed, emulator, applied } = await applyExample();
    expect(applied.code).toBe(0);
    const client = apiClient(emulator, ACME_KEY);
    const accountId = seed.accounts[0]?.account_id ?? "";
    const configurations = await listConfigurations(client, accountId);
    const id = policyIds(seed);

    expect(byName(configurations, "backend-strict").configuration).toEqual({
      comment: "disabled",
      show_scan_confirmation: true,
      risk_threshold: 2,
      analyzers: {
        sqli: true,
        ssrf: true,
        idor: true,
        mass_assignment: true,
        auth_bypass: true,
        secrets: true,
      },
      code_policies: [
        {
          id: id("No raw SQL string building"),
          enabled: true,
          silent: false,
          blocking: true,
        },
        {
          id: id("Require authz on admin routes"),
          enabled: true,
          silent: false,
          blocking: true,
        },
        {
          id: id("No hardcoded credentials"),
          enabled: true,
          silent: false,
          blocking: true,
        },
        {
          id: id("Validate webhook signatures"),
          enabled: true,
          silent: false,
          blocking: false,
        },
      ],
      notifications: {
        enabled: true,
        deduplicate: true,
        integrationNames: ["security-slack", "pagerduty-appsec"],
      },
    });
    expect(byName(configurations, "baseline").configuration).toEqual({
      comment: "disabled",
      show_scan_confirmation: false,
      risk_threshold: 3,
      analyzers: { xss: true, secrets: true, general_security: true },
      code_policies: [
        {
          id: id("No hardcoded credentials"),
          enabled: true,
          silent: false,
          blocking: true,
        },
        {
          id: id("No PII in logs"),
          enabled: true,
          silent: false,
          blocking: false,
        },
      ],
      notifications: {
        enabled: true,
        deduplicate: true,
        integrationNames: ["security-alerts"],
      },
    });
    expect(
      byName(configurations, "services").configuration?.code_policies,
    ).toEqual([
      {
        id: id("No hardcoded credentials"),
        enabled: true,
        silent: false,
        blocking: true,
      },
      {
        id: id("No PII in logs"),
        enabled: true,
        silent: false,
        blocking: false,
      },
      {
        id: id("Encrypt data at rest"),
        enabled: true,
        silent: false,
        blocking: false,
      },
      {
        id: id("No raw SQL string building"),
        enabled: true,
        silent: true,
        blocking: false,
      },
    ]);
    expect(
      byName(configurations, "infra-as-code").configuration?.risk_threshold,
    ).toBe(3);
    expect(
      configurations.map((configuration) => configuration.name).sort(),
    ).toEqual([
      "backend-strict",
      "baseline",
      "infra-as-code",
      "legacy-monorepo",
      "services",
    ]);
  });

  test("every matched repository has its configuration", async () => {
    const { seed, emulator, applied } = await applyExample();
    expect(applied.code).toBe(0);
    const client = apiClient(emulator, ACME_KEY);
    const account = seed.accounts[0];
    const accountId = account?.account_id ?? "";
    const repositories = await listRepositories(client, accountId);
    const configurations = await listConfigurations(client, accountId);
    const idOf = (name: string) => byName(configurations, name).id;

    // More than one page of 100, so the read crossed pages.
    expect(repositories.length).toBe(account?.repositories.length);
    expect(repositories.length).toBeGreaterThan(100);

    const seeded = new Map(
      (account?.repositories ?? []).map((repository) => [
        repository.id,
        repository,
      ]),
    );
    let claimed = 0;
    for (const repository of repositories) {
      const owner = claimant(repository.name);
      const expected = owner
        ? idOf(owner)
        : (seeded.get(repository.id)?.configuration_id ?? null);
      if (owner) claimed++;
      expect({
        name: repository.name,
        configuration_id: repository.configuration_id,
      }).toEqual({
        name: repository.name,
        configuration_id: expected,
      });
    }
    expect(claimed).toBe(18 + 28 + 31 + 15);

    const find = (name: string) =>
      repositories.find((repository) => repository.name === name);
    expect(find("payments-api")?.configuration_id).toBe(idOf("backend-strict"));
    expect(find("api-orders-sandbox")?.configuration_id).not.toBe(
      idOf("backend-strict"),
    );
    expect(find("Web-Storefront")?.configuration_id).toBe(idOf("baseline"));
  });

  test("undeclared configuration stays unchanged", async () => {
    const { seed, emulator, applied } = await applyExample();
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("legacy-monorepo");

    const before = seed.accounts[0]?.configurations.find(
      (c) => c.name === "legacy-monorepo",
    );
    const after = emulator
      .snapshot()
      .accounts[0]?.configurations.find((c) => c.name === "legacy-monorepo");
    expect(after?.configuration).toEqual(before?.configuration);
    expect(after?.updated_at).toBe(before?.updated_at);

    const assigned = (state: SeedFile) =>
      (state.accounts[0]?.repositories ?? [])
        .filter((repository) => repository.configuration_id === before?.id)
        .map((repository) => repository.name)
        .sort();
    expect(assigned(emulator.snapshot())).toEqual(assigned(seed));
    expect(assigned(seed)).toHaveLength(4);
    expect(
      writes(emulator).some((request) =>
        request.path.includes(before?.id ?? "none"),
      ),
    ).toBe(false);
  });

  test("drift names configuration and field", async () => {
    const { seed, emulator, env, applied } = await applyExample();
    expect(applied.code).toBe(0);
    const client = apiClient(emulator, ACME_KEY);
    const accountId = seed.accounts[0]?.account_id ?? "";
    const configurations = await listConfigurations(client, accountId);
    const repositories = await listRepositories(client, accountId);
    await updateConfiguration(
      client,
      accountId,
      byName(configurations, "services").id,
      {
        configuration: { configuration: { risk_threshold: 5 } },
      },
    );
    await assignRepositories(client, accountId, {
      configuration_id: byName(configurations, "legacy-monorepo").id,
      repository_ids: [
        repositories.find((r) => r.name === "ledger-service")?.id ?? "",
      ],
    });
    const writesBefore = writes(emulator).length;

    const drift = await runCli(["drift", EXAMPLE_DIR], { env });
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain(
      'configuration "services" (examples/dryrun-config/backend.yaml:',
    );
    expect(drift.stdout).toContain(
      "risk_threshold: 5 in the account, 3 in the files",
    );
    expect(drift.stdout).toContain('configuration "backend-strict"');
    expect(drift.stdout).toContain(
      'repository ledger-service: "legacy-monorepo" in the account, "backend-strict" in the files',
    );
    expect(drift.stdout).toContain(
      "Drift found: 2 configurations differ from the files.",
    );
    expect(writes(emulator).length).toBe(writesBefore);
  });

  test("drift exits 0 when the account matches", async () => {
    const { env, applied } = await applyExample();
    expect(applied.code).toBe(0);
    const drift = await runCli(["drift", EXAMPLE_DIR], { env });
    expect(drift.code).toBe(0);
    expect(drift.stdout).toContain(
      "No drift. Every account matches the files.",
    );
  });
});
