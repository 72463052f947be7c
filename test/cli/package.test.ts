import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { ROOT } from "../support/cli.js";
import { writeTree } from "../support/workspace.js";

const run = promisify(execFile);

describe("package", () => {
  test("tarball installs and runs help and demo", async () => {
    const work = await writeTree({});
    const packed = await run(
      "npm",
      ["pack", "--json", "--pack-destination", work],
      {
        cwd: ROOT,
      },
    );
    const [tarball] = JSON.parse(packed.stdout) as {
      filename: string;
      files: { path: string }[];
    }[];
    if (tarball === undefined) throw new Error("npm pack wrote no tarball");
    const files = tarball.files.map((file) => file.path);
    for (const expected of [
      "dist/cli/main.js",
      "schemas/config.schema.json",
      "schemas/plan.schema.json",
      "dist/schemas/config.validate.cjs",
      "dist/schemas/plan.validate.cjs",
      "dist/schemas/emulator-seed.validate.cjs",
      "examples/dryrun-config/emulator-seed.json",
      "docs/config.md",
      "README.md",
      "LICENSE",
    ]) {
      expect(files).toContain(expected);
    }
    expect(
      files.some((file) => file.startsWith("src/") || file.startsWith("test/")),
    ).toBe(false);

    // --offline installs the dependencies from npm's cache, which npm ci
    // filled, so the test needs no network.
    const prefix = path.join(work, "install");
    await run(
      "npm",
      [
        "install",
        "--offline",
        "--no-audit",
        "--no-fund",
        "--prefix",
        prefix,
        path.join(work, tarball.filename),
      ],
      { cwd: work },
    );
    const bin = path.join(prefix, "node_modules", ".bin", "dryrun-config");
    expect(await readdir(path.join(prefix, "node_modules", ".bin"))).toContain(
      "dryrun-config",
    );

    const version = await run(bin, ["--version"], { cwd: work });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = await run(bin, ["--help"], { cwd: work });
    expect(help.stdout).toContain("dryrun-config <command> [options]");
    const demo = await run(bin, ["demo"], {
      cwd: work,
      env: { PATH: process.env.PATH ?? "" },
    });
    expect(demo.stdout).toContain(
      "The demo finished: plan, apply, an empty second plan, and drift found.",
    );
  }, 120_000);
});
