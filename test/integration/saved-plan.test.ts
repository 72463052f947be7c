import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { runCli } from "../support/cli.js";
import {
  ACME_KEY,
  cliEnv,
  EXAMPLE_DIR,
  loadExampleSeed,
  startTestEmulator,
  stopTestEmulator,
  writes,
} from "../support/emulator.js";
import { writeTree } from "../support/workspace.js";

async function savePlan() {
  const seed = await loadExampleSeed();
  const emulator = await startTestEmulator(seed);
  const dir = await writeTree({});
  const file = path.join(dir, "plan.json");
  const env = cliEnv(emulator, ACME_KEY);
  const planned = await runCli(["plan", EXAMPLE_DIR, "--out", file], { env });
  expect(planned.code).toBe(0);
  return { seed, emulator, env, file, dir };
}

describe("saved plans", () => {
  test("apply sends exactly the saved requests", async () => {
    const { emulator, env, file } = await savePlan();
    const saved = JSON.parse(await readFile(file, "utf8"));
    const planned = saved.accounts[0].changes.map(
      (change: {
        request: { method: string; path: string; body?: unknown };
      }) => ({
        method: change.request.method,
        path: `/v1/${change.request.path}`,
        body: change.request.body,
      }),
    );

    const applied = await runCli(["apply", file], { env });
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("Apply complete: 5 steps done.");
    expect(
      writes(emulator).map(({ method, path: requestPath, body }) => ({
        method,
        path: requestPath,
        body,
      })),
    ).toEqual(planned);

    const again = await runCli(["plan", EXAMPLE_DIR, "--detailed-exitcode"], {
      env,
    });
    expect(again.code).toBe(0);
  });

  test("plan file is private and holds no key", async () => {
    const { file } = await savePlan();
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, "utf8");
    expect(text).not.toContain(ACME_KEY);
    expect(text).not.toContain("dryrunsec_");
  });

  test("stale plan is refused with zero writes", async () => {
    const { seed, emulator, file } = await savePlan();
    const port = emulator.port;
    await stopTestEmulator(emulator);

    const account = seed.accounts[0];
    if (account === undefined)
      throw new Error("the example seed has no account");
    const baseline = account.configurations.find((c) => c.name === "baseline");
    if (baseline?.configuration) baseline.configuration.risk_threshold = 5;
    for (const [index, name] of ["api-new-one", "api-new-two"].entries()) {
      account.repositories.push({
        id: `99999999-0000-4000-8000-00000000000${index + 1}`,
        name,
        provider_repo_id: String(9000 + index),
        configuration_id: null,
        enabled: true,
        created_at: "2026-12-01T00:00:00Z",
      });
    }
    const changed = await startTestEmulator(seed, { port });
    const result = await runCli(["apply", file], {
      env: cliEnv(changed, ACME_KEY),
    });

    expect(result.code).toBe(3);
    expect(result.stdout).toBe("");
    const lines = result.stderr.split("\n");
    expect(lines).toContain(
      `error: the plan ${file} is stale, so nothing was changed:`,
    );
    expect(lines).toContain(
      '  configuration "baseline": risk_threshold changed since the plan',
    );
    expect(lines).toContain(
      "  repository api-new-one was added since the plan",
    );
    expect(lines).toContain(
      '  pattern "api-*" of configuration "backend-strict" now matches 2 more repositories: api-new-one, api-new-two',
    );
    expect(writes(changed)).toHaveLength(0);
  });

  test("edited plan file is rejected", async () => {
    const { env, file, emulator } = await savePlan();
    const text = await readFile(file, "utf8");
    await writeFile(
      file,
      text.replace('"risk_threshold": 2', '"risk_threshold": 9'),
    );
    const result = await runCli(["apply", file], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        `error: ${file} was changed after it was saved, or saved with another API key: its signature does not match`,
        "hint: make a new plan with `dryrun-config plan --out FILE`, with the key you apply with",
        "",
      ].join("\n"),
    );
    expect(writes(emulator)).toHaveLength(0);
  });

  test("printed JSON plan cannot be applied", async () => {
    const seed = await loadExampleSeed();
    const emulator = await startTestEmulator(seed);
    const env = cliEnv(emulator, ACME_KEY);
    const printed = await runCli(["plan", EXAMPLE_DIR, "--format", "json"], {
      env,
    });
    const dir = await writeTree({ "plan.json": printed.stdout });
    const result = await runCli(["apply", `${dir}/plan.json`], { env });
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n")[0]).toBe(
      `error: ${dir}/plan.json has no signature, so it is not a saved plan`,
    );
  });

  test("plan file that is not JSON", async () => {
    const dir = await writeTree({ "plan.json": "{ not json" });
    const result = await runCli(["apply", `${dir}/plan.json`], {
      env: {
        DRYRUN_API_KEY: ACME_KEY,
        DRYRUN_API_URL: "http://127.0.0.1:4/v1",
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n")[0]).toMatch(
      new RegExp(`^error: ${dir}/plan\\.json is not valid JSON: `),
    );
  });

  test.each([
    [
      "plan.json",
      "{}",
      "{{dir}}/plan.json is not a saved plan: it has no format_version",
      "apply takes a config folder, or a file written by `dryrun-config plan --out FILE`",
    ],
    [
      "missing.json",
      undefined,
      "plan file {{dir}}/missing.json not found",
      "check the path, or save a plan with `dryrun-config plan --out FILE`",
    ],
    [
      "acme.yaml",
      "account: acme\n",
      "{{dir}}/acme.yaml is a config file, and apply takes a config folder or a saved plan",
      "pass the folder that contains it: dryrun-config apply {{dir}}",
    ],
  ])("apply of %s that is no plan", async (name, content, error, hint) => {
    const dir = await writeTree(
      content === undefined ? {} : { [name]: content },
    );
    const result = await runCli(["apply", `${dir}/${name}`], {
      env: {
        DRYRUN_API_KEY: ACME_KEY,
        DRYRUN_API_URL: "http://127.0.0.1:4/v1",
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: ${error.replace("{{dir}}", dir)}\nhint: ${hint.replace("{{dir}}", dir)}\n`,
    );
  });

  test("plan file of another API", async () => {
    const { file } = await savePlan();
    const other = await startTestEmulator(await loadExampleSeed());
    const result = await runCli(["apply", file], {
      env: cliEnv(other, ACME_KEY),
    });
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n")[0]).toMatch(
      /^error: the plan was made against http:\/\/127\.0\.0\.1:\d+\/v1, not http:\/\/127\.0\.0\.1:\d+\/v1$/,
    );
    expect(writes(other)).toHaveLength(0);
  });

  test("--out that cannot be written fails before any request", async () => {
    const emulator = await startTestEmulator(await loadExampleSeed());
    const env = cliEnv(emulator, ACME_KEY);
    const dir = await writeTree({});

    const folder = await runCli(
      ["plan", EXAMPLE_DIR, "--out", dir, "--force"],
      { env },
    );
    expect(folder.code).toBe(1);
    expect(folder.stderr).toBe(
      `error: --out ${dir} is a folder\nhint: name a file, such as ${dir}/plan.json\n`,
    );

    const missing = await runCli(
      ["plan", EXAMPLE_DIR, "--out", `${dir}/no/plan.json`],
      { env },
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `error: the folder ${dir}/no of --out does not exist\nhint: create it, or choose another file name\n`,
    );

    const yaml = await runCli(
      ["plan", EXAMPLE_DIR, "--out", `${dir}/plan.yaml`],
      { env },
    );
    expect(yaml.code).toBe(1);
    expect(yaml.stderr).toBe(
      `error: --out ${dir}/plan.yaml: a saved plan is JSON, and a .yaml or .yml file is read as a config file\nhint: name it with .json, such as plan.json\n`,
    );

    expect(emulator.requests).toHaveLength(0);
  });

  test("existing plan file needs --force", async () => {
    const { env, file } = await savePlan();
    const again = await runCli(["plan", EXAMPLE_DIR, "--out", file], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`error: ${file} already exists\n`);
    expect(again.stderr).toContain(
      "hint: pass --force to replace it, or choose another file name\n",
    );
    const forced = await runCli(
      ["plan", EXAMPLE_DIR, "--out", file, "--force"],
      { env },
    );
    expect(forced.code).toBe(0);
  });
});
