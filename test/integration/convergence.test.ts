import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, test } from "vitest";
import { runApply } from "../../src/cli/commands/apply.js";
import { runPlan } from "../../src/cli/commands/plan.js";
import type { SeedFile } from "../../src/emulator/index.js";
import {
  cliEnv,
  startTestEmulator,
  stopTestEmulator,
} from "../support/emulator.js";
import { runInProcess } from "../support/in-process.js";
import {
  ACCOUNT,
  configurationId,
  KEY,
  POLICY_CREDENTIALS,
  POLICY_PII,
  smallSeed,
} from "../support/seed.js";
import { writeTree } from "../support/workspace.js";

const REPOSITORIES = [
  "api-a",
  "api-b",
  "svc-c",
  "svc-d",
  "web-e",
  "grp-f",
  "grp-g",
  "Grp-H",
];
const NAMES = ["alpha", "beta", "gamma", "delta", "epsilon"];
const POLICIES = [POLICY_CREDENTIALS, POLICY_PII];
const POLICY_NAMES = ["No hardcoded credentials", "No PII in logs"];

const flags = fc.record(
  { enabled: fc.boolean(), silent: fc.boolean(), blocking: fc.boolean() },
  { requiredKeys: [] },
);

const nullableFlags = fc.record(
  {
    enabled: fc.oneof(fc.boolean(), fc.constant(null)),
    silent: fc.oneof(fc.boolean(), fc.constant(null)),
    blocking: fc.oneof(fc.boolean(), fc.constant(null)),
  },
  { requiredKeys: [] },
);

/**
 * Live settings with the gaps a real API may leave: keys left out and null
 * policy flags. (The emulator's seed format takes null only for flags; the
 * unit tests of the comparison cover null elsewhere.)
 */
const liveSettings = fc.record(
  {
    comment: fc.constantFrom("disabled", "enabled"),
    show_scan_confirmation: fc.boolean(),
    risk_threshold: fc.nat(5),
    analyzers: fc.dictionary(fc.constantFrom("sqli", "xss"), fc.boolean()),
    code_policies: fc
      .subarray(POLICIES)
      .chain((ids) =>
        fc.tuple(
          ...ids.map((id) => nullableFlags.map((flag) => ({ id, ...flag }))),
        ),
      ),
    notifications: fc.record(
      {
        enabled: fc.boolean(),
        deduplicate: fc.boolean(),
        integrationNames: fc.subarray(["slack", "pager"]),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

const live = fc.record({
  configurations: fc
    .subarray(NAMES, { maxLength: 4 })
    .chain((names) =>
      fc.tuple(
        ...names.map((name) =>
          liveSettings.map((settings) => ({ name, settings })),
        ),
      ),
    ),
  assignment: fc.array(fc.nat(4), {
    minLength: REPOSITORIES.length,
    maxLength: REPOSITORIES.length,
  }),
});

const desiredSettings = fc.record(
  {
    comment: fc.constantFrom("disabled", "enabled"),
    show_scan_confirmation: fc.boolean(),
    risk_threshold: fc.nat(5),
    analyzers: fc.dictionary(fc.constantFrom("sqli", "xss"), fc.boolean()),
    code_policies: fc
      .subarray(POLICY_NAMES)
      .chain((names) =>
        fc.tuple(
          ...names.map((policy) => flags.map((flag) => ({ policy, ...flag }))),
        ),
      ),
    notifications: fc.record(
      {
        enabled: fc.boolean(),
        deduplicate: fc.boolean(),
        integrations: fc.subarray(["slack", "pager"]),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

/**
 * Desired files: configurations named from the same pool (so some exist,
 * some are new and some are renames), each repository claimed by at most
 * one of them, by exact name, except the grp-* group, claimed by pattern.
 */
const desired = fc.subarray(NAMES, { minLength: 1 }).chain((names) =>
  fc.record({
    configurations: fc.tuple(
      ...names.map((name) =>
        fc.record({
          name: fc.constant(name),
          renamed: fc.boolean(),
          settings: desiredSettings,
        }),
      ),
    ),
    owner: fc.array(fc.nat(names.length), {
      minLength: REPOSITORIES.length,
      maxLength: REPOSITORIES.length,
    }),
    prune: fc.boolean(),
    useDefault: fc.boolean(),
  }),
);

type LiveState = typeof live extends fc.Arbitrary<infer T> ? T : never;
type DesiredState = typeof desired extends fc.Arbitrary<infer T> ? T : never;

function seedFor(state: LiveState): SeedFile {
  const configurations = state.configurations.map((entry, index) => ({
    index: index + 1,
    name: entry.name,
    configuration: entry.settings,
  }));
  return smallSeed({
    configurations,
    repositories: REPOSITORIES.map((name, index) => {
      const slot = state.assignment[index] ?? 0;
      return {
        name,
        configuration: slot < configurations.length ? slot + 1 : undefined,
      };
    }),
  });
}

function filesFor(state: DesiredState): string {
  const configurations = state.configurations.map((entry, index) => {
    const claimed = REPOSITORIES.filter(
      (name, repository) =>
        !name.toLowerCase().startsWith("grp-") &&
        state.owner[repository] === index,
    );
    const repositories =
      index === 0 ? { names: claimed, include: ["grp-*"] } : { names: claimed };
    const name = entry.renamed ? `${entry.name}-renamed` : entry.name;
    return {
      name,
      ...(entry.renamed ? { previous_names: [entry.name] } : {}),
      ...entry.settings,
      repositories,
    };
  });
  const first = configurations[0]?.name;
  const settings = {
    prune: state.prune,
    ...(state.useDefault && first ? { default_configuration: first } : {}),
  };
  return stringify(
    { account: "acme", settings, configurations },
    { version: "1.2" },
  );
}

describe("convergence", () => {
  test("apply then plan is empty", async () => {
    await fc.assert(
      fc.asyncProperty(live, desired, async (liveState, desiredState) => {
        const emulator = await startTestEmulator(seedFor(liveState));
        const dir = await writeTree({ "acme.yaml": filesFor(desiredState) });
        const env = cliEnv(emulator, KEY);
        const api = { dir, concurrency: 4 };

        const applied = await runInProcess(
          (context) =>
            runApply(
              { ...api, autoApprove: true, force: true, allowWeakening: true },
              context,
            ),
          env,
        );
        expect(applied.stderr).not.toMatch(/error|warning/);
        expect(applied.code).toBe(0);

        const again = await runInProcess(
          (context) => runPlan({ ...api, detailedExitcode: true }, context),
          env,
        );
        expect(again.stdout).toContain(
          "No changes. Everything matches the files.",
        );
        expect(again.code).toBe(0);
        await stopTestEmulator(emulator);
      }),
      { numRuns: 60 },
    );
  });

  test("generated seeds use the fixtures' ids", () => {
    const seed = seedFor({
      configurations: [{ name: "alpha", settings: {} }],
      assignment: [0],
    });
    expect(seed.accounts[0]?.account_id).toBe(ACCOUNT);
    expect(seed.accounts[0]?.configurations[0]?.id).toBe(configurationId(1));
  });
});
