import path from "node:path";
import { describe, expect, test } from "vitest";
import { validateDirectory } from "../../src/config/index.js";
import { runCli } from "../support/cli.js";
import { EXAMPLE_DIR } from "../support/emulator.js";
import { writeTree } from "../support/workspace.js";

/** Validates a tree and returns its diagnostics as `file:line:col: ...`. */
async function problems(files: Record<string, string>): Promise<string[]> {
  const dir = await writeTree(files);
  const result = await validateDirectory(dir);
  return result.diagnostics.map((diagnostic) => {
    const location = diagnostic.location;
    const file = location ? path.relative(dir, location.file) : "";
    const where = location ? `${file}:${location.line}:${location.column}` : "";
    const hint = diagnostic.hint ? ` | ${diagnostic.hint}` : "";
    return `${where}: ${diagnostic.severity}: ${diagnostic.message}${hint}`;
  });
}

describe("validate", () => {
  test.each([
    [
      "string-for-integer",
      'account: acme\nconfigurations:\n  - name: a\n    risk_threshold: "2"\n',
      [
        'a.yaml:4:21: error: configurations[0].risk_threshold: expected an integer, found the string "2" | remove the quotes to write a number',
      ],
    ],
    [
      "yaml-1.1-boolean",
      "account: acme\nconfigurations:\n  - name: a\n    notifications:\n      enabled: no\n",
      [
        'a.yaml:5:16: error: configurations[0].notifications.enabled: expected a boolean, found the string "no" | YAML 1.2 reads no as a string; write true or false',
      ],
    ],
    [
      "null-for-list",
      "account: acme\nconfigurations:\n  - name: a\n    code_policies:\n",
      [
        "a.yaml:4:5: error: configurations[0].code_policies: expected a list, found null (an empty value) | write [] for an empty list, or remove the key",
      ],
    ],
    [
      "misspelled-field",
      "account: acme\nconfigurations:\n  - name: a\n    risk_treshold: 2\n",
      [
        'a.yaml:4:5: error: configurations[0]: unknown field "risk_treshold" | did you mean "risk_threshold"?',
      ],
    ],
    [
      "missing-name",
      "account: acme\nconfigurations:\n  - risk_threshold: 2\n",
      [
        'a.yaml:3:5: error: configurations[0]: missing required field "name" | add `name:`',
      ],
    ],
    [
      "duplicate-key",
      "account: acme\naccount: other\n",
      [
        "a.yaml:2:1: error: duplicate key: this key is already set in the same map | remove one of the two entries",
      ],
    ],
    [
      "custom-tag",
      "account: !secret acme\n",
      [
        "a.yaml:1:10: error: custom YAML tags are not supported (Unresolved tag: !secret) | remove the tag and write the plain value",
      ],
    ],
    [
      "too-many-policies",
      `account: acme\nconfigurations:\n  - name: a\n    code_policies:\n${Array.from({ length: 8 }, (_, i) => `      - policy: p${i}\n`).join("")}`,
      [
        'a.yaml:12:9: error: configuration "a" enables 8 code policies, over the limit of 7 | DryRun runs at most 7 code policies per repository; disable or remove some',
      ],
    ],
  ])("%s", async (_name, text, expected) => {
    expect(await problems({ "a.yaml": text })).toEqual(expected);
  });

  test("duplicate name across files", async () => {
    expect(
      await problems({
        "a.yaml": "account: acme\nconfigurations:\n  - name: backend\n",
        "b.yml": "account: acme\nconfigurations:\n  - name: Backend\n",
      }),
    ).toEqual([
      expect.stringMatching(
        /^b\.yml:3:11: error: configuration "Backend" is declared twice in account "acme", first at .*a\.yaml:3 \| rename one of them, or merge the two declarations$/,
      ),
    ]);
  });

  test("empty and comment-only files", async () => {
    expect(
      await problems({ "a.yaml": "", "b.yaml": "# nothing yet\n" }),
    ).toEqual([]);
  });

  test("every problem of a directory at once", async () => {
    const found = await problems({
      "a.yaml":
        "account: acme\nconfigurations:\n  - name: a\n    risk_threshold: x\n",
      "b.yaml": "account: acme\nsettings:\n  prune: maybe\n",
      "c.yaml": "account: [\n",
    });
    expect(found.map((line) => line.split(":")[0])).toEqual([
      "a.yaml",
      "b.yaml",
      "c.yaml",
    ]);
  });

  test("example directory is valid", async () => {
    const result = await validateDirectory(EXAMPLE_DIR);
    expect(result.diagnostics).toEqual([]);
    expect(result.files.map((file) => path.basename(file))).toEqual([
      "acme.yaml",
      "backend.yaml",
      "platform.yaml",
    ]);
  });

  test("CLI prints located problems", async () => {
    const dir = await writeTree({
      "a.yaml":
        'account: acme\nconfigurations:\n  - name: a\n    risk_threshold: "2"\n',
    });
    const result = await runCli(["validate", dir], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        'a.yaml:4:21: error: configurations[0].risk_threshold: expected an integer, found the string "2"',
        "  hint: remove the quotes to write a number",
        "1 file checked: 1 error, 0 warnings.",
        "",
      ].join("\n"),
    );
  });
});
