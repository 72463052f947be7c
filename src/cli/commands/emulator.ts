import { isLoopbackHost } from "../../api/index.js";
import { access } from "node:fs/promises";
import {
  loadSeedFile,
  parseFault,
  startEmulator,
  type RunningEmulator,
} from "../../emulator/index.js";
import { UserError } from "../../errors.js";
import type { CliContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";

export interface EmulatorArgs {
  host: string;
  port: number;
  seed: string;
  state?: string | undefined;
  pagination: "meta" | "top-level";
  latency: number;
  /** Fault specs of the repeatable `--fault` flag. */
  fault?: string[] | undefined;
}

/**
 * Serves the emulator of the API until SIGINT or SIGTERM. It listens on
 * loopback addresses only, because it speaks plain HTTP and its keys are in
 * the seed file.
 */
export async function runEmulator(
  args: EmulatorArgs,
  context: CliContext,
): Promise<ExitCode> {
  if (!isLoopbackHost(args.host)) {
    throw new UserError(`--host ${args.host} is not a loopback address`, {
      hint: "the emulator listens on 127.0.0.1, ::1 or localhost only",
    });
  }
  const { output } = context;
  const faults = (args.fault ?? []).map(parseFault);
  const seed = await loadSeedFile(args.seed);
  const stateExists = args.state !== undefined && (await exists(args.state));
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({
      seed,
      host: args.host,
      port: args.port,
      ...(args.state ? { statePath: args.state } : {}),
      pagination: args.pagination,
      latencyMs: args.latency,
      faults,
      recordRequests: false,
      log: (line) => output.info(line),
    });
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw startFailure(error, args.state);
  }

  output.result(`${emulator.url}\n`);
  output.info(`Emulator of the DryRun Simple API listening on ${emulator.url}`);
  output.info(
    stateExists
      ? `State: ${args.state} (it exists, so the seed is not read)`
      : `Seed: ${args.seed}${args.state ? `; state kept in ${args.state}` : ""}`,
  );
  output.info(
    "Set DRYRUN_API_URL to that URL and DRYRUN_API_KEY to a key of the seed's api_keys.",
  );
  output.info("Press Ctrl-C to stop.");

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  output.info(`Received ${signal}; stopping the emulator.`);
  await emulator.close();
  return ExitCode.Ok;
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/**
 * Explains why the emulator did not start: the address could not be
 * listened on, or the state file could not be written.
 */
function startFailure(error: unknown, state: string | undefined): UserError {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const reason = error instanceof Error ? error.message : String(error);
  if (code === "EADDRINUSE" || code === "EACCES") {
    return new UserError(`cannot start the emulator: ${reason}`, {
      hint: "choose another --port, or --port 0 for a free one",
      cause: error,
    });
  }
  const fileCode = (error as NodeJS.ErrnoException).code;
  if (state !== undefined && fileCode !== undefined) {
    return new UserError(
      `cannot start the emulator: cannot write the state file ${state} (${fileCode})`,
      { hint: "check that its folder exists and is writable", cause: error },
    );
  }
  return new UserError(`cannot start the emulator: ${reason}`, {
    cause: error,
  });
}
