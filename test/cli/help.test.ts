import { describe, expect, test } from "vitest";
import { COMMANDS } from "../../src/cli/command-list.js";
import { runCli } from "../support/cli.js";

describe("help", () => {
  test("top level", async () => {
    const result = await runCli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatchSnapshot();
  });

  test.each(COMMANDS)("%s", async (command) => {
    const result = await runCli([command, "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatchSnapshot();
    const examples = result.stdout.split("Examples:")[1] ?? "";
    const exampleLines = examples
      .split("\n")
      .filter((line) => line.trim().startsWith("dryrun-config"));
    expect(exampleLines.length).toBeGreaterThanOrEqual(2);
  });

  test("every option says its type or default", async () => {
    for (const command of COMMANDS.filter((name) => name !== "completion")) {
      const result = await runCli([command, "--help"]);
      const options = result.stdout
        .split("\n")
        .filter((line) => /^\s+(-\w, )?--[\w-]+/.test(line));
      expect(options.length).toBeGreaterThan(3);
      for (const line of options) {
        expect(line).toMatch(/\[(boolean|string|number|array|choices)/);
      }
    }
  });

  test("version", async () => {
    const result = await runCli(["--version"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  test("completion script", async () => {
    const result = await runCli(["completion"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("###-begin-dryrun-config-completions-###");
    expect(result.stdout).toContain(
      "# Installation: dryrun-config completion >> ~/.bashrc",
    );
  });

  test("completion script for zsh", async () => {
    const result = await runCli(["completion", "zsh"]);
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe("#compdef dryrun-config");
  });

  test("completion script for bash under zsh", async () => {
    const result = await runCli(["completion", "bash"], {
      env: { SHELL: "/bin/zsh", ZSH_NAME: "zsh" },
    });
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n")[0]).toBe(
      "###-begin-dryrun-config-completions-###",
    );
  });

  test("completion under fish warns", async () => {
    const result = await runCli(["completion"], {
      env: { SHELL: "/usr/bin/fish" },
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      "warning: SHELL is /usr/bin/fish, and completion is for bash or zsh; this is the bash script\n",
    );
    expect(result.stdout.split("\n")[0]).toBe(
      "###-begin-dryrun-config-completions-###",
    );
  });

  test("completion of another shell", async () => {
    const result = await runCli(["completion", "fish"]);
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n")[0]).toBe(
      'error: invalid shell "fish"; choose one of bash, zsh',
    );
  });
});
