import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, test } from "vitest";
import {
  validateDirectory,
  type DesiredState,
} from "../../src/config/index.js";
import { stringifyConfigFile, toWrittenFile } from "../../src/config/write.js";
import { writeTree } from "../support/workspace.js";

/** Names that YAML or Unicode make tricky, beside ordinary ones. */
const TRICKY = [
  "no",
  "yes",
  "on",
  "null",
  "1.0",
  "~",
  "a: b",
  "x # y",
  "cafe\u0301",
  "Über",
  "#tag",
];

const name = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.stringMatching(/^[a-z][a-z0-9._-]{0,10}$/),
);
const key = (value: string) => value.normalize("NFC").toLowerCase();
const pattern = fc.constantFrom(
  "api-*",
  "svc-?",
  "web-{a,b}",
  "**",
  "*.github.io",
  "[a-c]*",
);
const policy = fc.oneof(
  fc.constantFrom("No hardcoded credentials", "No PII in logs", "yes"),
  fc.uuid(),
);

const codePolicies = fc.uniqueArray(
  fc.record(
    {
      policy,
      enabled: fc.boolean(),
      silent: fc.boolean(),
      blocking: fc.boolean(),
    },
    { requiredKeys: ["policy"] },
  ),
  { maxLength: 7, selector: (entry) => entry.policy },
);

const settingsFields = {
  comment: fc.constantFrom("disabled", "summary", "no"),
  show_scan_confirmation: fc.boolean(),
  risk_threshold: fc.nat(10),
  analyzers: fc.dictionary(
    fc.constantFrom("sqli", "xss", "ssrf", "idor"),
    fc.oneof(fc.boolean(), fc.record({ level: fc.nat(3) })),
  ),
  code_policies: codePolicies,
  notifications: fc.record(
    {
      enabled: fc.boolean(),
      deduplicate: fc.boolean(),
      integrations: fc.uniqueArray(name, { maxLength: 3 }),
    },
    { requiredKeys: [] },
  ),
};

const repositories = fc.oneof(
  fc.array(fc.oneof(pattern, name), { maxLength: 4 }),
  fc.record(
    {
      names: fc.array(name, { maxLength: 3 }),
      ids: fc.array(fc.uuid(), { maxLength: 2 }),
      include: fc.array(pattern, { maxLength: 3 }),
      exclude: fc.array(pattern, { maxLength: 2 }),
    },
    { requiredKeys: [] },
  ),
);

const file = fc
  .uniqueArray(name, { minLength: 1, maxLength: 5, selector: key })
  .chain((names) =>
    fc.record({
      account: fc.constantFrom("acme", "5c8c638d-deb1-46eb-9141-00305fbfdfaf"),
      settings: fc.record(
        {
          prune: fc.oneof(fc.boolean(), fc.array(pattern, { maxLength: 2 })),
          default_configuration: fc.constantFrom(...names),
          repository_names: fc.constantFrom(
            "case-insensitive",
            "case-sensitive",
          ),
          thresholds: fc.record(
            {
              max_delete_percent: fc.nat(100),
              max_moved_repositories_percent: fc.nat(100),
            },
            { requiredKeys: [] },
          ),
          defaults: fc.record(settingsFields, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
      configurations: fc.tuple(
        ...names.map((configurationName) =>
          fc.record(
            {
              name: fc.constant(configurationName),
              previous_names: fc.constant([`old ${configurationName}`]),
              ...settingsFields,
              repositories,
            },
            { requiredKeys: ["name"] },
          ),
        ),
      ),
    }),
  );

/** Drops source locations, which differ between the two files by design. */
function withoutLocations(state: DesiredState | undefined): unknown {
  return JSON.parse(
    JSON.stringify(state, (field, value: unknown) =>
      field === "location" || field === "settingLocations" ? undefined : value,
    ),
  );
}

async function load(text: string) {
  const dir = await writeTree({ "config.yaml": text });
  return validateDirectory(dir);
}

describe("config round trip", () => {
  test("load, write, load keeps the state", async () => {
    await fc.assert(
      fc.asyncProperty(file, async (written) => {
        const first = await load(stringify(written, { version: "1.2" }));
        expect(first.diagnostics.filter((d) => d.severity === "error")).toEqual(
          [],
        );
        const account = first.state?.accounts[0];
        expect(account).toBeDefined();
        if (account === undefined) return;

        const text = stringifyConfigFile(toWrittenFile(account), {
          schemaPath: "../schemas/config.schema.json",
        });
        const second = await load(text);
        expect(
          second.diagnostics.filter((d) => d.severity === "error"),
        ).toEqual([]);
        expect(withoutLocations(second.state)).toEqual(
          withoutLocations(first.state),
        );
      }),
      { numRuns: 150 },
    );
  });

  test("written file keeps YAML 1.1 booleans quoted", async () => {
    const dir = await writeTree({
      "a.yaml":
        'account: acme\nconfigurations:\n  - name: "no"\n    comment: "yes"\n',
    });
    const account = (await validateDirectory(dir)).state?.accounts[0];
    if (account === undefined) throw new Error("the file did not load");
    const text = stringifyConfigFile(toWrittenFile(account), {
      schemaPath: "../schemas/config.schema.json",
      comment: "Exported for a test.",
    });
    expect(text).toBe(
      [
        "# yaml-language-server: $schema=../schemas/config.schema.json",
        "# Exported for a test.",
        "account: acme",
        "configurations:",
        '  - name: "no"',
        '    comment: "yes"',
        "",
      ].join("\n"),
    );
  });
});
