import { Writable } from "node:stream";
import type { CliContext } from "../../src/cli/context.js";
import { reportError } from "../../src/cli/errors-output.js";
import type { ExitCode } from "../../src/cli/exit-codes.js";
import { Output } from "../../src/cli/output.js";

class TextSink extends Writable {
  text = "";

  override _write(
    chunk: Buffer | string,
    _encoding: BufferEncoding,
    callback: () => void,
  ): void {
    this.text += chunk.toString();
    callback();
  }
}

/**
 * Runs a command's function in this process, with its own output streams
 * and environment, for property tests that run hundreds of commands. The
 * HTTP traffic to the emulator is as real as from the built CLI.
 */
export async function runInProcess(
  command: (context: CliContext) => Promise<ExitCode>,
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new TextSink();
  const stderr = new TextSink();
  const context: CliContext = {
    output: new Output(stdout, stderr),
    env,
    interactive: false,
  };
  let code: number;
  try {
    code = await command(context);
  } catch (error) {
    code = reportError(context, error);
  }
  return { code, stdout: stdout.text, stderr: stderr.text };
}
