/**
 * Runs the benchmarks: for each scenario, an emulator with injected latency
 * in a child process, then a plan and an apply of the scenario's files,
 * each in a child process of its own. Writes docs/benchmarks.md.
 * Usage: npm run bench [-- S L XL] [-- --latency MS] [-- --concurrency N]
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  generateScenario,
  SIZES,
  type Scenario,
  type SizeName,
} from "./generate.js";
import {
  minimumForApply,
  minimumForPlan,
  readRoundTrips,
  type RequestCounts,
} from "./minimum.js";
import { renderReport, type ScenarioResult } from "./report.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CLI = path.join(ROOT, "dist", "cli", "main.js");
const MEASURE = fileURLToPath(new URL("./measure.js", import.meta.url));

interface Measurement {
  code: number;
  wallMs: number;
  wallRangeMs?: [number, number];
  cpuMs?: number;
  peakRssMb: number;
  requests: RequestCounts;
  errors: string[];
}

const argv = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = argv.indexOf(name);
  return index >= 0 ? Number(argv[index + 1]) : fallback;
};
const latencyMs = option("--latency", 20);
/** Plans of one scenario, each in a fresh process; the median is reported. */
const PLAN_RUNS = 3;
const concurrency = option("--concurrency", 4);
const sizes = argv.filter((word): word is SizeName => word in SIZES);

const results: ScenarioResult[] = [];
for (const size of sizes.length > 0
  ? sizes
  : (["S", "L", "XL"] as SizeName[])) {
  process.stderr.write(`Scenario ${size}: generating\n`);
  const scenario = generateScenario(size);
  results.push(await runScenario(scenario));
}
const report = renderReport(results, {
  command:
    argv.length > 0 ? `npm run bench -- ${argv.join(" ")}` : "npm run bench",
  latencyMs,
  concurrency,
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node.js ${process.version}`,
  date: new Date().toISOString().slice(0, 10),
});
await writeFile(path.join(ROOT, "docs", "benchmarks.md"), report);
process.stdout.write(report);

async function runScenario(scenario: Scenario): Promise<ScenarioResult> {
  const work = await mkdtemp(
    path.join(os.tmpdir(), `dryrun-bench-${scenario.size}-`),
  );
  try {
    const seedFile = path.join(work, "seed.json");
    await writeFile(seedFile, JSON.stringify(scenario.seed));
    const dir = path.join(work, "config");
    await mkdir(dir);
    for (const [name, content] of Object.entries(scenario.files)) {
      await writeFile(path.join(dir, name), content);
    }

    const emulator = await startEmulator(seedFile);
    try {
      process.stderr.write(`Scenario ${scenario.size}: plan\n`);
      const plan = await medianPlan(emulator.url, dir);
      process.stderr.write(`Scenario ${scenario.size}: apply\n`);
      const apply = await measure("apply", emulator.url, dir);
      const reads = readRoundTrips(scenario, concurrency);
      const writes = Object.entries(minimumForApply(scenario))
        .filter(([kind]) => !kind.startsWith("GET"))
        .reduce((sum, [, count]) => sum + count, 0);
      const readBack =
        1 +
        Math.ceil(
          (Math.ceil(scenario.counts.finalConfigurations / 100) - 1) /
            concurrency,
        );
      return {
        scenario,
        plan: {
          ...plan,
          minimum: minimumForPlan(scenario),
          boundMs: reads * latencyMs,
        },
        apply: {
          ...apply,
          minimum: minimumForApply(scenario),
          boundMs: (reads + writes + readBack) * latencyMs,
        },
      };
    } finally {
      emulator.stop();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Measures the plan PLAN_RUNS times, because its wall time varies from run
 * to run by more than the gap to its target, and returns the run with the
 * median wall time.
 */
async function medianPlan(url: string, dir: string): Promise<Measurement> {
  const runs: Measurement[] = [];
  for (let run = 0; run < PLAN_RUNS; run++) {
    runs.push(await measure("plan", url, dir));
  }
  runs.sort((a, b) => a.wallMs - b.wallMs);
  const median = runs[Math.floor(PLAN_RUNS / 2)] as Measurement;
  const range: [number, number] = [
    runs[0]?.wallMs ?? median.wallMs,
    runs.at(-1)?.wallMs ?? median.wallMs,
  ];
  return { ...median, wallRangeMs: range };
}

function startEmulator(
  seed: string,
): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      CLI,
      "emulator",
      "--port",
      "0",
      "--seed",
      seed,
      "--latency",
      String(latencyMs),
    ],
    { stdio: ["ignore", "pipe", "ignore"] },
  );
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(new Error(`the emulator exited with ${code}`)),
    );
    child.stdout
      .setEncoding("utf8")
      .once("data", (line: string) =>
        resolve({ url: line.trim(), stop: () => child.kill("SIGTERM") }),
      );
  });
}

function measure(
  action: "plan" | "apply",
  url: string,
  dir: string,
): Promise<Measurement> {
  const child = spawn(
    process.execPath,
    [
      "--max-old-space-size=4096",
      MEASURE,
      action,
      url,
      dir,
      String(concurrency),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      if (code !== 0)
        reject(new Error(`measure ${action} exited with ${code}`));
      else resolve(JSON.parse(output) as Measurement);
    });
  });
}
