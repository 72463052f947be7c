import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { ValidateFunction } from "ajv";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import {
  createAjv,
  precompiledName,
  PRECOMPILED_SCHEMAS,
  readSchema,
} from "../../src/util/schemas.js";
import { ROOT } from "../support/cli.js";

const require = createRequire(import.meta.url);

/** Parses every YAML document of the validation fixtures and the example. */
function configValues(): unknown[] {
  const folders = [
    path.join(ROOT, "examples", "dryrun-config"),
    ...readdirSync(path.join(ROOT, "test", "fixtures", "validate")).map(
      (name) => path.join(ROOT, "test", "fixtures", "validate", name),
    ),
  ];
  return folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((file) => /\.ya?ml$/.test(file))
      .flatMap((file) => {
        try {
          return [
            parse(readFileSync(path.join(folder, file), "utf8"), {
              logLevel: "error",
            }),
          ];
        } catch {
          return []; // the fixtures of YAML syntax errors
        }
      }),
  );
}

function seedValues(): unknown[] {
  interface Seed {
    api_keys: unknown;
    accounts: { repositories: Record<string, unknown>[] }[];
  }
  const seed = JSON.parse(
    readFileSync(
      path.join(ROOT, "examples", "dryrun-config", "emulator-seed.json"),
      "utf8",
    ),
  ) as Seed;
  const [account] = seed.accounts;
  if (account === undefined) throw new Error("the example seed has no account");
  const withRepository = (change: Record<string, unknown>): Seed => ({
    ...seed,
    accounts: [
      {
        ...account,
        repositories: [{ ...account.repositories[0], ...change }],
      },
    ],
  });
  return [
    seed,
    { ...seed, api_keys: "not a list" },
    withRepository({ id: "not-a-uuid" }),
    withRepository({ created_at: "yesterday" }),
    {},
  ];
}

const VALUES: Record<(typeof PRECOMPILED_SCHEMAS)[number], () => unknown[]> = {
  "config.schema.json": configValues,
  "emulator-seed.schema.json": seedValues,
  "plan.schema.json": () => [
    {},
    { format_version: 2, accounts: "none" },
    { format_version: "1", accounts: [{ changes: [{ action: "nuke" }] }] },
  ],
};

describe("validators compiled by the build", () => {
  test.each(PRECOMPILED_SCHEMAS)(
    "%s gives the errors a runtime compilation gives",
    (file) => {
      const precompiled = require(
        path.join(ROOT, "dist", "schemas", precompiledName(file)),
      ) as ValidateFunction;
      const runtime = createAjv().compile(readSchema(file));
      const values = VALUES[file]();
      expect(values.length).toBeGreaterThan(2);
      let invalid = 0;
      for (const value of values) {
        const valid = runtime(value);
        if (!valid) invalid++;
        expect(precompiled(value)).toBe(valid);
        expect(precompiled.errors ?? null).toEqual(runtime.errors ?? null);
      }
      expect(invalid).toBeGreaterThan(1);
    },
  );
});
