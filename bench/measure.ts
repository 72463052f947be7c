/**
 * Measures one plan or apply of a benchmark scenario, in a process of its
 * own so that its peak RSS is its own, and prints the figures as JSON.
 * Usage: node measure.js plan|apply URL DIR CONCURRENCY
 */
import { Writable } from "node:stream";
import { ApiClient, listAccounts } from "../src/api/index.js";
import { runApply } from "../src/cli/commands/apply.js";
import { runPlan } from "../src/cli/commands/plan.js";
import type { CliContext } from "../src/cli/context.js";
import { Output } from "../src/cli/output.js";
import { loadDesiredState } from "../src/config/index.js";
import { buildPlan } from "../src/plan/build.js";
import { resolveAccount } from "../src/plan/resolve.js";
import { readSnapshot } from "../src/state/index.js";
import { BENCH_KEY } from "./generate.js";
import { emptyCounts, requestKind } from "./minimum.js";

class Lines extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, callback: () => void) {
    this.lines.push(...chunk.toString().split("\n").filter(Boolean));
    callback();
  }
}

const [action, url, dir, concurrencyText] = process.argv.slice(2);
if (action === undefined || url === undefined || dir === undefined) {
  throw new Error("usage: measure.js plan|apply URL DIR CONCURRENCY");
}
const concurrency = Number(concurrencyText ?? "4");
const stderr = new Lines();
const context: CliContext = {
  output: new Output(new Lines(), stderr),
  env: { DRYRUN_API_URL: url, DRYRUN_API_KEY: BENCH_KEY },
  interactive: false,
};
const args = { dir, concurrency, verbose: true };

const started = performance.now();
const code =
  action === "apply"
    ? await runApply(
        { ...args, autoApprove: true, force: true, allowWeakening: true },
        context,
      )
    : await runPlan({ ...args, detailedExitcode: true }, context);
const wallMs = performance.now() - started;

const requests = emptyCounts();
for (const line of stderr.lines) {
  const [method, path] = line.split(" ");
  const kind = method && path ? requestKind(method, path) : undefined;
  if (kind !== undefined) requests[kind]++;
}

// The peak so far is the command's own; the CPU measurement reads again.
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const phases = action === "plan" ? await planPhases() : undefined;
process.stdout.write(
  `${JSON.stringify({
    action,
    code,
    wallMs,
    cpuMs: phases?.resolveAndDiffCpuMs,
    loadMs: phases?.loadMs,
    readMs: phases?.readMs,
    peakRssMb,
    requests,
    errors: stderr.lines.filter((line) => line.startsWith("error")),
  })}\n`,
);

/**
 * Times the phases of a plan again, one by one: loading the config files
 * (wall), reading the account (wall), and resolving and diffing (CPU, the
 * best of three runs).
 */
async function planPhases() {
  const client = new ApiClient({ baseUrl: url ?? "", apiKey: BENCH_KEY });
  const loadStarted = performance.now();
  const { state } = await loadDesiredState(dir ?? ".");
  const loadMs = performance.now() - loadStarted;

  const readStarted = performance.now();
  const [account] = await listAccounts(client);
  const desired = state.accounts[0];
  if (account === undefined || desired === undefined)
    throw new Error("no account");
  const snapshot = await readSnapshot(client, account, { concurrency });
  const readMs = performance.now() - readStarted;

  let resolveAndDiffCpuMs = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    const before = process.cpuUsage();
    buildPlan(resolveAccount(desired, snapshot));
    const used = process.cpuUsage(before);
    resolveAndDiffCpuMs = Math.min(
      resolveAndDiffCpuMs,
      (used.user + used.system) / 1000,
    );
  }
  return { loadMs, readMs, resolveAndDiffCpuMs };
}
