import { describe, expect, test } from "vitest";
import {
  generateScenario,
  BENCH_KEY,
  type SizeName,
} from "../../bench/generate.js";
import {
  emptyCounts,
  minimumForApply,
  minimumForPlan,
  requestKind,
  type RequestCounts,
} from "../../bench/minimum.js";
import { runApply } from "../../src/cli/commands/apply.js";
import { runPlan } from "../../src/cli/commands/plan.js";
import type { RecordedRequest } from "../../src/emulator/index.js";
import { cliEnv, startTestEmulator } from "../support/emulator.js";
import { runInProcess } from "../support/in-process.js";
import { writeTree } from "../support/workspace.js";

function countRequests(requests: readonly RecordedRequest[]): RequestCounts {
  const counts = emptyCounts();
  for (const request of requests) {
    const kind = requestKind(request.method, request.path);
    if (kind === undefined)
      throw new Error(`unexpected request ${request.method} ${request.path}`);
    counts[kind]++;
  }
  return counts;
}

describe.each(["S", "L"] as SizeName[])("benchmark scenario %s", (size) => {
  test("plan and apply make the minimum of requests", async () => {
    const scenario = generateScenario(size);
    const emulator = await startTestEmulator(scenario.seed, {
      pagination: "meta",
      listIncludesConfiguration: true,
    });
    const dir = await writeTree(scenario.files);
    const env = cliEnv(emulator, BENCH_KEY);
    const api = { dir, concurrency: 4 };

    const planned = await runInProcess(
      (context) => runPlan({ ...api, detailedExitcode: true }, context),
      env,
    );
    expect(planned.code).toBe(2);
    expect(countRequests(emulator.requests)).toEqual(minimumForPlan(scenario));

    emulator.requests.length = 0;
    const applied = await runInProcess(
      (context) =>
        runApply(
          { ...api, autoApprove: true, force: true, allowWeakening: true },
          context,
        ),
      env,
    );
    expect(applied.stderr).not.toMatch(/error/);
    expect(applied.code).toBe(0);
    expect(countRequests(emulator.requests)).toEqual(minimumForApply(scenario));

    const again = await runInProcess(
      (context) => runPlan({ ...api, detailedExitcode: true }, context),
      env,
    );
    expect(again.code).toBe(0);
  });
});
