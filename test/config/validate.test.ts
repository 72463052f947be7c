import { readdirSync } from "node:fs";
import { symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { validateDirectory } from "../../src/config/index.js";
import { ROOT, runCli } from "../support/cli.js";
import { writeTree } from "../support/workspace.js";

const INVALID =
  'account: acme\nconfigurations:\n  - name: a\n    risk_threshold: "2"\n';

describe("validate", () => {
  test("every problem of a directory at once", async () => {
    const dir = await writeTree({
      "a.yaml":
        "account: acme\nconfigurations:\n  - name: a\n    risk_threshold: x\n",
      "b.yaml": "account: acme\nsettings:\n  prune: maybe\n",
      "c.yaml": "account: [\n",
      "d.yaml": "account: acme\nconfigurations:\n  - name: b\n  - name: b\n",
    });
    const result = await runCli(["validate", "."], { cwd: dir });
    expect(result.code).toBe(1);
    const located = result.stdout
      .split("\n")
      .filter((line) => /^\w\.yaml:/.test(line))
      .map((line) => line.split(": ")[0]);
    expect(located).toEqual([
      "a.yaml:4:21",
      "b.yaml:3:10",
      "c.yaml:2:1",
      "d.yaml:4:11",
    ]);
    expect(result.stdout).toContain("4 files checked: 4 errors, 0 warnings.");
  });

  test("YAML 1.1 directive", async () => {
    const dir = await writeTree({
      "a.yaml":
        "# team config\n%YAML 1.1\n---\naccount: acme\nconfigurations: [{name: d, show_scan_confirmation: yes}]\n",
    });
    const result = await runCli(["validate", "."], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        "a.yaml:2:1: error: the file asks for YAML 1.1, but config files are read as YAML 1.2",
        "  hint: remove the %YAML line",
        "1 file checked: 1 error, 0 warnings.",
        "",
      ].join("\n"),
    );
  });

  test("invalid UTF-8 is located", async () => {
    const dir = await writeTree({});
    await writeFile(
      path.join(dir, "a.yaml"),
      Buffer.concat([
        Buffer.from(
          'account: acme\nconfigurations:\n  - name: a\n    comment: "caf',
        ),
        Buffer.from([0xe9]),
        Buffer.from('"\n'),
      ]),
    );
    const result = await runCli(["validate", "."], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout.split("\n")[0]).toBe(
      "a.yaml:4:18: error: the file is not UTF-8 text",
    );
  });

  test("empty required key is not to be removed", async () => {
    const dir = await writeTree({
      "a.yaml": "account:\nconfigurations:\n  - name: a\n    risk_threshold:\n",
    });
    const result = await runCli(["validate", "."], { cwd: dir });
    expect(result.stdout).toBe(
      [
        "a.yaml:1:1: error: account: expected a string, found null (an empty value)",
        "  hint: write a value after the colon",
        "a.yaml:4:5: error: configurations[0].risk_threshold: expected an integer, found null (an empty value)",
        "  hint: write a value after the colon, or remove the key",
        "1 file checked: 2 errors, 0 warnings.",
        "",
      ].join("\n"),
    );
  });

  test("infinity and NaN are named", async () => {
    const dir = await writeTree({
      "a.yaml":
        "account: acme\nconfigurations:\n  - {name: e, risk_threshold: .inf}\n  - {name: f, risk_threshold: .nan}\n",
    });
    const result = await runCli(["validate", "."], { cwd: dir });
    expect(result.stdout.split("\n").slice(0, 2)).toEqual([
      "a.yaml:3:31: error: configurations[0].risk_threshold: expected an integer, found the number .inf",
      "a.yaml:4:31: error: configurations[1].risk_threshold: expected an integer, found the number .nan",
    ]);
  });

  test("file over 1 MiB", async () => {
    const content = `account: acme\n# ${"x".repeat(1024 * 1024)}\n`;
    const dir = await writeTree({ "big.yaml": content });
    const result = await runCli(["validate", "."], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        `big.yaml:1:1: error: the file is ${Buffer.byteLength(content)} bytes, over the limit of 1048576`,
        "  hint: split the configurations across several files",
        "1 file checked: 1 error, 0 warnings.",
        "",
      ].join("\n"),
    );
  });

  test("symbolic link out of the directory", async () => {
    const outside = await writeTree({ "secret.yaml": "account: acme\n" });
    const dir = await writeTree({ "a.yaml": "account: acme\n" });
    await symlink(
      path.join(outside, "secret.yaml"),
      path.join(dir, "link.yaml"),
    );
    await symlink(outside, path.join(dir, "folder"));
    await symlink(
      path.join(dir, "missing.yaml"),
      path.join(dir, "broken.yaml"),
    );
    await symlink(dir, path.join(dir, "loop"));
    const result = await runCli(["validate", "."], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        "broken.yaml:1:1: error: the symbolic link leads nowhere, so it is not read",
        "  hint: copy the file into the config directory, or remove the link",
        "folder:1:1: error: the symbolic link leads outside the config directory, so it is not read",
        "  hint: copy the file into the config directory, or remove the link",
        "link.yaml:1:1: error: the symbolic link leads outside the config directory, so it is not read",
        "  hint: copy the file into the config directory, or remove the link",
        "4 files checked: 3 errors, 0 warnings.",
        "",
      ].join("\n"),
    );
  });

  test("JSON format", async () => {
    const dir = await writeTree({ "a.yaml": INVALID });
    const result = await runCli(["validate", ".", "--format", "json"], {
      cwd: dir,
    });
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      files: ["a.yaml"],
      errors: 1,
      warnings: 0,
      diagnostics: [
        {
          severity: "error",
          rule: "schema-type",
          message:
            'configurations[0].risk_threshold: expected an integer, found the string "2"',
          file: "a.yaml",
          line: 4,
          column: 21,
          hint: "remove the quotes to write a number",
        },
      ],
    });
  });

  test("GitHub Actions annotations", async () => {
    const dir = await writeTree({ "a.yaml": INVALID });
    const result = await runCli(["validate", "."], {
      cwd: dir,
      env: { GITHUB_ACTIONS: "true" },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      '::error file=a.yaml,line=4,col=21::configurations[0].risk_threshold: expected an integer, found the string "2"%0Aremove the quotes to write a number\n',
    );
  });

  test("no annotations outside GitHub Actions", async () => {
    const dir = await writeTree({ "a.yaml": INVALID });
    const result = await runCli(["validate", "."], { cwd: dir });
    expect(result.stderr).toBe("");
  });

  test("nonexistent directory", async () => {
    const result = await runCli(["validate", "/nonexistent/configs"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        "error: config directory /nonexistent/configs not found",
        "hint: pass the directory that contains the config files",
        "",
      ].join("\n"),
    );
  });

  test("every example config file is valid", async () => {
    const examples = path.join(ROOT, "examples");
    const folders = readdirSync(examples, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => path.join(examples, entry.name))
      .filter((folder) =>
        readdirSync(folder).some((name) => /\.ya?ml$/.test(name)),
      );
    expect(folders.map((folder) => path.basename(folder))).toEqual([
      "dryrun-config",
    ]);
    for (const folder of folders) {
      const result = await validateDirectory(folder);
      expect(result.diagnostics).toEqual([]);
      expect(result.files.length).toBeGreaterThan(0);
    }
  });

  test("a pipe named like a config file", async () => {
    const { execFileSync } = await import("node:child_process");
    const dir = await writeTree({ "a.yaml": "account: acme\n" });
    execFileSync("mkfifo", [`${dir}/pipe.yaml`]);
    const result = await runCli(["validate", "."], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "pipe.yaml:1:1: error: this is not a regular file (a pipe or a device, say), so it is not read",
    );
  });

  test("YAML nested too deeply", async () => {
    const dir = await writeTree({ "a.yaml": `account: ${"[".repeat(20000)}` });
    const result = await runCli(["validate", "."], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain("call stack");
    expect(result.stderr).not.toContain("internal error");
  });
});
