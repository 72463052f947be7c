import { readFile } from "node:fs/promises";
import path from "node:path";
import { Ajv } from "ajv";
import { describe, expect, test } from "vitest";
import { ROOT, runCli } from "../support/cli.js";
import {
  ACME_KEY,
  cliEnv,
  EXAMPLE_DIR,
  loadExampleSeed,
  startTestEmulator,
} from "../support/emulator.js";
import { KEY, smallSeed } from "../support/seed.js";
import { writeTree } from "../support/workspace.js";

async function planValidator() {
  const schema = JSON.parse(
    await readFile(path.join(ROOT, "schemas", "plan.schema.json"), "utf8"),
  ) as object;
  return new Ajv({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
  }).compile(schema);
}

describe("plan output", () => {
  test.each(["text", "markdown", "json"])(
    "%s is byte-identical across runs",
    async (format) => {
      const emulator = await startTestEmulator(await loadExampleSeed());
      const env = cliEnv(emulator, ACME_KEY);
      const first = await runCli(["plan", EXAMPLE_DIR, "--format", format], {
        env,
      });
      const second = await runCli(["plan", EXAMPLE_DIR, "--format", format], {
        env,
      });
      expect(first.code).toBe(0);
      expect(second.stdout).toBe(first.stdout);
      expect(first.stdout.length).toBeGreaterThan(1000);
    },
  );

  test("saved plan files are byte-identical", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const env = cliEnv(emulator, ACME_KEY);
    const dir = await writeTree({});
    await runCli(["plan", EXAMPLE_DIR, "--out", `${dir}/one.json`], { env });
    await runCli(["plan", EXAMPLE_DIR, "--out", `${dir}/two.json`], { env });
    expect(await readFile(`${dir}/two.json`, "utf8")).toBe(
      await readFile(`${dir}/one.json`, "utf8"),
    );
  });

  test("JSON plans validate against the schema", async () => {
    const validate = await planValidator();
    const emulator = await startTestEmulator(await loadExampleSeed());
    const env = cliEnv(emulator, ACME_KEY);
    const dir = await writeTree({});
    const printed = await runCli(["plan", EXAMPLE_DIR, "--format", "json"], {
      env,
    });
    await runCli(["plan", EXAMPLE_DIR, "--out", `${dir}/plan.json`], { env });
    const saved = JSON.parse(await readFile(`${dir}/plan.json`, "utf8"));
    for (const document of [JSON.parse(printed.stdout), saved]) {
      expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    }
    await runCli(["apply", EXAMPLE_DIR, "--auto-approve"], { env });
    const empty = await runCli(["plan", EXAMPLE_DIR, "--format", "json"], {
      env,
    });
    expect(validate(JSON.parse(empty.stdout))).toBe(true);
  });

  test("JSON plan of the example", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const result = await runCli(["plan", EXAMPLE_DIR, "--format", "json"], {
      env: cliEnv(emulator, ACME_KEY),
    });
    const document = JSON.parse(result.stdout);
    expect(document.format_version).toBe(1);
    expect(document.api_url).toBe(emulator.url);
    expect(document.summary).toEqual({
      create: 3,
      update: 1,
      bulk_update: 0,
      assign: 1,
      delete: 0,
    });
    const update = document.accounts[0].changes.find(
      (change: { action: string }) => change.action === "update",
    );
    expect(update.configurations[0].name).toBe("baseline");
    expect(update.fields).toContainEqual({
      field: "analyzers.secrets",
      before: false,
      after: true,
    });
    expect(update.before["risk_threshold"]).toBe(3);
    expect(update.after["analyzers.secrets"]).toBe(true);
    expect(update.request.method).toBe("PATCH");
    expect(update.request.body.configuration.configuration.analyzers).toEqual({
      xss: true,
      secrets: true,
      general_security: true,
    });
    expect(document.accounts[0].unmanaged).toEqual([
      {
        name: "legacy-monorepo",
        id: expect.any(String),
        repository_count: 4,
        moved_away: 0,
      },
    ]);
    expect(document.accounts[0].state).toBeUndefined();
    expect(document.signature).toBeUndefined();
  });

  test("markdown summary and details", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const result = await runCli(["plan", EXAMPLE_DIR, "--format", "markdown"], {
      env: cliEnv(emulator, ACME_KEY),
    });
    const lines = result.stdout.split("\n");
    expect(lines.slice(0, 14)).toEqual([
      "## dryrun-config plan",
      "",
      "### Security impact",
      "",
      "Of 5 changes: **0 weakening**, 5 tightening, 0 neutral.",
      "",
      "### Account `acme` (`5c8c638d-deb1-46eb-9141-00305fbfdfaf`)",
      "",
      "| action | requests | configurations | repositories |",
      "| --- | ---: | --- | ---: |",
      "| create | 3 | `backend-strict`, `infra-as-code`, `services` | 74 |",
      "| update | 1 | `baseline` | 0 |",
      "| assign repositories | 1 | `baseline` | 3 |",
      "",
    ]);
    expect(result.stdout).toContain(
      '<summary>~ update configuration "baseline" (id 661ca0cb-770e-42c6-85cd-5d89590d5be6)</summary>',
    );
    expect(result.stdout).toContain("```diff\n analyzers.general_security");
    expect(result.stdout.split("<details>")).toHaveLength(6);
  });

  test("long markdown is cut with a note", async () => {
    const emulator = await startTestEmulator(smallSeed());
    const analyzers =
      "    analyzers: { sqli: true, xss: true }\n    risk_threshold: 2\n    comment: disabled\n";
    const configurations = Array.from(
      { length: 400 },
      (_, index) =>
        `  - name: configuration-with-a-long-name-${index}\n${analyzers}`,
    ).join("");
    const dir = await writeTree({
      "a.yaml": `account: acme\nconfigurations:\n${configurations}`,
    });
    const result = await runCli(["plan", dir, "--format", "markdown"], {
      env: cliEnv(emulator, KEY),
    });
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBeLessThanOrEqual(60_000);
    const shown = result.stdout.split("<details>").length - 1;
    expect(shown).toBeGreaterThan(50);
    expect(result.stdout).toContain(
      `> **Note:** ${400 - shown} changes are not shown, to keep this comment under 60000 characters. Run \`dryrun-config plan\` to see the whole plan.`,
    );
  });

  test("an oversized change is cut, the rest shown", async () => {
    const seed = smallSeed({
      repositories: Array.from({ length: 600 }, (_, index) => ({
        name: `big-repository-with-a-long-name-${index}`,
      })),
    });
    const emulator = await startTestEmulator(seed);
    const dir = await writeTree({
      "a.yaml":
        'account: acme\nconfigurations:\n  - name: big\n    repositories: ["big-*"]\n  - name: small\n    risk_threshold: 1\n',
    });
    const result = await runCli(["plan", dir, "--format", "markdown"], {
      env: cliEnv(emulator, KEY),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "… 400 more lines; run dryrun-config plan to see them",
    );
    expect(result.stdout).toContain(
      '<summary>+ create configuration "small" with 0 repositories</summary>',
    );
    expect(result.stdout).not.toContain("**Note:**");
  });
});
