import { access, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import {
  type Fault,
  FaultSpecError,
  loadSeedFile,
  parseFault,
  startEmulator,
} from "../../src/emulator/index.js";
import { UserError } from "../../src/errors.js";
import {
  ACME,
  BASELINE,
  type Harness,
  REPO_GITHUB,
  REPO_WEB,
  makeSeed,
  startHarness,
} from "./fixtures.js";

const COLLECTION = `/accounts/${ACME}/configurations`;
const REPOSITORIES = `/accounts/${ACME}/repositories`;

let harness: Harness | undefined;
let directory: string | undefined;

afterEach(async () => {
  await harness?.emulator.close();
  harness = undefined;
  if (directory !== undefined) {
    await rm(directory, { recursive: true, force: true });
    directory = undefined;
  }
});

/** Sends the requests one after another and returns their statuses. */
async function statuses(
  calls: readonly [method: string, path: string][],
): Promise<number[]> {
  const result: number[] = [];
  for (const [method, path] of calls) {
    result.push((await call(method, path)).status);
  }
  return result;
}

function call(
  method: string,
  path: string,
  options?: Parameters<Harness["call"]>[2],
) {
  if (harness === undefined) {
    throw new Error("start the harness first");
  }
  return harness.call(method, path, options);
}

/** Returns the error that `request` rejects with; fails if it resolves. */
async function rejection(request: Promise<unknown>): Promise<unknown> {
  return request.then(
    () => expect.fail("the request received a response"),
    (error: unknown) => error,
  );
}

function expectSocketError(error: unknown): void {
  expect(error).toBeInstanceOf(TypeError);
  expect((error as TypeError).cause).toMatchObject({ code: "UND_ERR_SOCKET" });
}

async function configurationNames(): Promise<string[]> {
  const listed = await call("GET", COLLECTION);
  const { data } = listed.body as { data: { name: string }[] };
  return data.map((configuration) => configuration.name);
}

const CREATE_BODY = { configuration: { name: "created" } };

describe("status faults", () => {
  test("every=3 hits requests 3 and 6", async () => {
    harness = await startHarness({
      faults: [
        { every: 3, action: { kind: "status", status: 429, retryAfter: "1" } },
      ],
    });
    const responses = [];
    for (let index = 0; index < 7; index += 1) {
      responses.push(await call("GET", "/accounts"));
    }

    expect(responses.map((response) => response.status)).toEqual([
      200, 200, 429, 200, 200, 429, 200,
    ]);
    const limited = responses[2];
    expect(limited?.body).toEqual({
      error: "injected fault 1: 429 Too Many Requests",
    });
    expect(limited?.headers.get("retry-after")).toBe("1");
    expect(limited?.headers.get("content-type")).toBe("application/json");
    expect(limited?.headers.get("x-request-id")).toBe(
      harness.emulator.requests[2]?.requestId,
    );
    expect(responses[5]?.headers.get("retry-after")).toBe("1");
    expect(responses[0]?.headers.get("retry-after")).toBeNull();
  });

  test("from and count make a burst", async () => {
    harness = await startHarness({
      faults: [
        {
          method: "GET",
          path: "/repositories$",
          from: 2,
          count: 2,
          action: { kind: "status", status: 503 },
        },
      ],
    });
    const page2 = `${REPOSITORIES}?page=2&per_page=2`;
    expect(
      await statuses([
        ["GET", `${REPOSITORIES}?page=1&per_page=2`],
        ["GET", "/accounts"],
        ["GET", page2],
        ["GET", page2],
      ]),
    ).toEqual([200, 200, 503, 503]);

    const retried = await call("GET", page2);
    expect(retried.status).toBe(200);
    const { data } = retried.body as { data: { id: string }[] };
    expect(data.map((repository) => repository.id)).toEqual([
      REPO_WEB,
      REPO_GITHUB,
    ]);
    expect(harness.emulator.requests[2]?.status).toBe(503);
  });

  test("method filter", async () => {
    harness = await startHarness({
      faults: [
        {
          method: "POST",
          path: "/configurations$",
          count: Infinity,
          action: { kind: "status", status: 500 },
        },
      ],
    });
    const created = await call("POST", COLLECTION, { body: CREATE_BODY });
    expect(created.status).toBe(500);
    expect(created.body).toEqual({
      error: "injected fault 1: 500 Internal Server Error",
    });
    expect(
      await statuses([
        ["POST", COLLECTION],
        ["GET", COLLECTION],
        ["DELETE", `${COLLECTION}/${BASELINE}`],
      ]),
    ).toEqual([500, 200, 204]);
    expect(await configurationNames()).toEqual(["strict"]);
  });

  test("after routing, before auth", async () => {
    harness = await startHarness({
      faults: [{ every: 2, action: { kind: "status", status: 503 } }],
    });
    const responses = [];
    for (const path of ["/nope", "/accounts", "/accounts", "/nope"]) {
      responses.push(await call("GET", path, { key: null }));
    }
    expect(responses.map((response) => response.status)).toEqual([
      404, 401, 503, 404,
    ]);
    expect(responses[2]?.headers.get("x-request-id")).toMatch(
      /^[0-9a-f-]{36}$/,
    );
    expect(await statuses([["DELETE", "/accounts"]])).toEqual([405]);
  });

  test("unnamed status has a bare code", async () => {
    harness = await startHarness({
      faults: [{ action: { kind: "status", status: 599 } }],
    });
    const response = await call("GET", "/accounts");
    expect(response.status).toBe(599);
    expect(response.body).toEqual({ error: "injected fault 1: 599" });
  });
});

describe("drop faults", () => {
  test("drop leaves state unchanged", async () => {
    harness = await startHarness({
      faults: [parseFault("method=POST,path=/configurations$,drop")],
    });
    const before = harness.emulator.snapshot();
    expectSocketError(
      await rejection(call("POST", COLLECTION, { body: CREATE_BODY })),
    );
    expect(harness.emulator.snapshot()).toEqual(before);
    expect(await configurationNames()).toEqual(["baseline", "strict"]);
  });

  test("drop-after-commit commits the write", async () => {
    harness = await startHarness({
      faults: [
        {
          method: "POST",
          path: "/configurations$",
          action: { kind: "drop-after-commit" },
        },
      ],
    });
    expectSocketError(
      await rejection(call("POST", COLLECTION, { body: CREATE_BODY })),
    );
    expect(await configurationNames()).toEqual([
      "baseline",
      "strict",
      "created",
    ]);
  });

  test("drop-after-commit saves the state file", async () => {
    directory = await mkdtemp(join(tmpdir(), "emulator-faults-"));
    const statePath = join(directory, "state.json");
    harness = await startHarness({
      statePath,
      faults: [
        parseFault("method=POST,path=/configurations$,drop-after-commit"),
      ],
    });
    expectSocketError(
      await rejection(call("POST", COLLECTION, { body: CREATE_BODY })),
    );
    const saved = await loadSeedFile(statePath);
    const names = saved.accounts[0]?.configurations.map(
      (configuration) => configuration.name,
    );
    expect(names).toEqual(["baseline", "strict", "created"]);
  });

  test("drop-after-commit drops errors too", async () => {
    harness = await startHarness({
      faults: [{ method: "POST", action: { kind: "drop-after-commit" } }],
    });
    const invalid = { configuration: { name: "baseline" } };
    expectSocketError(
      await rejection(call("POST", COLLECTION, { body: invalid })),
    );
    expect(await configurationNames()).toEqual(["baseline", "strict"]);
  });
});

describe("fault counters", () => {
  test("each fault counts its own matches", async () => {
    harness = await startHarness({
      faults: [
        {
          path: "/accounts$",
          every: 2,
          action: { kind: "status", status: 503 },
        },
        { every: 3, action: { kind: "status", status: 429 } },
      ],
    });
    const accounts = Array.from(
      { length: 6 },
      () => ["GET", "/accounts"] as [string, string],
    );
    const analyzers = Array.from(
      { length: 3 },
      () => ["GET", `/accounts/${ACME}/analyzers`] as [string, string],
    );
    expect(await statuses([...accounts, ...analyzers])).toEqual([
      200, 503, 429, 503, 200, 503, 200, 200, 429,
    ]);
  });
});

describe("fault records", () => {
  test("requests record the injected status", async () => {
    harness = await startHarness({
      faults: [{ action: { kind: "status", status: 502 } }],
    });
    const response = await call("POST", COLLECTION, { body: CREATE_BODY });
    expect(harness.emulator.requests).toEqual([
      {
        method: "POST",
        path: `/v1${COLLECTION}`,
        query: {},
        status: 502,
        body: CREATE_BODY,
        requestId: response.headers.get("x-request-id"),
        response: {
          status: 502,
          body: { error: "injected fault 1: 502 Bad Gateway" },
        },
      },
    ]);
  });

  test("requests record drops as status 0", async () => {
    harness = await startHarness({
      faults: [
        { method: "GET", action: { kind: "drop" } },
        { method: "POST", action: { kind: "drop-after-commit" } },
      ],
    });
    await rejection(call("GET", `${REPOSITORIES}?page=2`));
    await rejection(call("POST", COLLECTION, { body: CREATE_BODY }));
    const recorded = harness.emulator.requests.map(
      ({ requestId, ...request }) => request,
    );
    expect(recorded).toEqual([
      {
        method: "GET",
        path: `/v1${REPOSITORIES}`,
        query: { page: "2" },
        status: 0,
        body: undefined,
        response: { status: 0, body: undefined },
      },
      {
        method: "POST",
        path: `/v1${COLLECTION}`,
        query: {},
        status: 0,
        body: CREATE_BODY,
        response: { status: 0, body: undefined },
      },
    ]);
  });

  test("log lines name the fault", async () => {
    const lines: string[] = [];
    harness = await startHarness({
      log: (line) => lines.push(line),
      faults: [
        parseFault("status=429,retry-after=1,every=2,path=/accounts$"),
        parseFault("method=POST,path=/configurations$,drop-after-commit"),
        parseFault("drop,method=DELETE"),
      ],
    });
    await call("GET", "/accounts");
    await call("GET", "/accounts");
    await rejection(call("POST", COLLECTION, { body: CREATE_BODY }));
    await rejection(call("DELETE", `${COLLECTION}/${BASELINE}`));

    const ids = harness.emulator.requests.map((request) => request.requestId);
    const collection = `/v1${COLLECTION}`;
    const withoutDurations = lines.map((line) =>
      line.replace(/ [0-9]+ms /, " Nms "),
    );
    expect(withoutDurations).toEqual([
      `GET /v1/accounts 200 Nms ${ids[0]}`,
      `GET /v1/accounts 429 Nms ${ids[1]} fault 1 (status=429,retry-after=1,path=/accounts$,every=2)`,
      `POST ${collection} 0 Nms ${ids[2]} fault 2 (drop-after-commit,method=POST,path=/configurations$): closed the connection instead of sending 201`,
      `DELETE ${collection}/${BASELINE} 0 Nms ${ids[3]} fault 3 (drop,method=DELETE): closed the connection without handling the request`,
    ]);
  });
});

describe("fault latency", () => {
  test("faults wait for the latency", async () => {
    harness = await startHarness({
      latencyMs: 150,
      faults: [parseFault("drop,path=/accounts$")],
    });
    const started = performance.now();
    expectSocketError(await rejection(call("GET", "/accounts")));
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe("faults option", () => {
  const status = (code: number) => ({ kind: "status", status: code }) as const;
  const cases: [string, Fault[], string][] = [
    [
      "bad regex",
      [{ path: "(", action: status(503) }],
      "faults[0].path is not a valid regular expression: Invalid regular expression: /(/: Unterminated group",
    ],
    [
      "zero every",
      [{ every: 0, action: status(503) }],
      "faults[0].every must be an integer of 1 or more, got 0",
    ],
    [
      "fractional from",
      [{ from: 1.5, action: status(503) }],
      "faults[0].from must be an integer of 1 or more, got 1.5",
    ],
    [
      "zero count",
      [{ count: 0, action: status(503) }],
      "faults[0].count must be an integer of 1 or more, or Infinity, got 0",
    ],
    [
      "unknown method",
      [{ method: "FETCH", action: { kind: "drop" } }],
      'faults[0].method must be one of GET, POST, PUT, PATCH, DELETE, got "FETCH"',
    ],
    [
      "success status",
      [{ action: status(200) }],
      "faults[0].action.status must be an HTTP status from 400 to 599, got 200",
    ],
    [
      "retryAfter with newline",
      [{ action: { kind: "status", status: 429, retryAfter: "1\r\nx: y" } }],
      'faults[0].action.retryAfter must be printable ASCII text, such as "1", got "1\\r\\nx: y"',
    ],
    [
      "unknown action",
      [{ action: { kind: "crash" } as unknown as Fault["action"] }],
      'faults[0].action.kind must be "status", "drop" or "drop-after-commit", got "crash"',
    ],
    [
      "several faults",
      [
        { action: { kind: "drop" } },
        { every: -1, path: "[", action: status(600) },
      ],
      "faults[1].path is not a valid regular expression: Invalid regular expression: /[/: Unterminated character class; faults[1].every must be an integer of 1 or more, got -1; faults[1].action.status must be an HTTP status from 400 to 599, got 600",
    ],
  ];

  test.each(cases)("rejects %s", async (_, faults, problems) => {
    const error = await rejection(startEmulator({ seed: makeSeed(), faults }));
    expect(error).toBeInstanceOf(FaultSpecError);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      `invalid emulator faults: ${problems}`,
    );
  });

  test("rejects before writing state", async () => {
    directory = await mkdtemp(join(tmpdir(), "emulator-faults-"));
    const statePath = join(directory, "state.json");
    const faults: Fault[] = [{ every: 0, action: { kind: "drop" } }];
    await rejection(startEmulator({ seed: makeSeed(), statePath, faults }));
    await expect(access(statePath)).rejects.toMatchObject({ code: "ENOENT" });
  });
});

describe("parseFault", () => {
  const valid: [string, Fault][] = [
    [
      "status=429,retry-after=1,every=3",
      { every: 3, action: { kind: "status", status: 429, retryAfter: "1" } },
    ],
    [
      "method=GET,path=/repositories$,status=503,from=2,count=3",
      {
        method: "GET",
        path: "/repositories$",
        from: 2,
        count: 3,
        action: { kind: "status", status: 503 },
      },
    ],
    [
      "method=POST,path=/configurations$,drop-after-commit",
      {
        method: "POST",
        path: "/configurations$",
        action: { kind: "drop-after-commit" },
      },
    ],
    [
      "method=POST,path=/assign_repositories$,status=500",
      {
        method: "POST",
        path: "/assign_repositories$",
        action: { kind: "status", status: 500 },
      },
    ],
    ["drop,path=/accounts$", { path: "/accounts$", action: { kind: "drop" } }],
    [
      "status=503,from=3,count=all",
      { from: 3, count: Infinity, action: { kind: "status", status: 503 } },
    ],
    [
      " method=patch , status=502 ",
      { method: "PATCH", action: { kind: "status", status: 502 } },
    ],
    [
      "path=/v1/accounts/[^/]+/configurations/[0-9a-f-]+$,drop",
      {
        path: "/v1/accounts/[^/]+/configurations/[0-9a-f-]+$",
        action: { kind: "drop" },
      },
    ],
  ];

  test.each(valid)("parses %j", (spec, fault) => {
    expect(parseFault(spec)).toStrictEqual(fault);
  });

  const actions = "status=CODE, drop or drop-after-commit";
  const invalid: [string, string][] = [
    ["status=abc", 'status must be an HTTP status from 400 to 599, got "abc"'],
    ["status=200", 'status must be an HTTP status from 400 to 599, got "200"'],
    [
      "status=4290",
      'status must be an HTTP status from 400 to 599, got "4290"',
    ],
    ["", "it is empty; write comma-separated items such as status=429,every=3"],
    ["every=3", `no action; add one of ${actions}`],
    [
      "drop,status=500",
      `more than one action (drop, status=500); keep only one of ${actions}`,
    ],
    [
      "drop,drop",
      `more than one action (drop, drop); keep only one of ${actions}`,
    ],
    ["drop,retry-after=1", "retry-after is allowed only with status=CODE"],
    [
      "code=500,drop",
      'unknown key "code"; the keys are method, path, every, from, count, status, retry-after',
    ],
    [
      "dorp",
      `"dorp" is neither an action (drop, drop-after-commit) nor a key=value item; no action; add one of ${actions}`,
    ],
    [
      "status",
      `status needs a value, such as status=503; no action; add one of ${actions}`,
    ],
    ["path=,drop", "path needs a value, such as path=/repositories$"],
    [
      "drop=1",
      `drop takes no value; write drop alone; no action; add one of ${actions}`,
    ],
    ["status=503,,every=2", "item 2 is empty; remove the extra comma"],
    ["path=/a,path=/b,drop", "path is given twice; give each key once"],
    ["status=503,every=0", 'every must be an integer of 1 or more, got "0"'],
    [
      "status=503,every=1.5",
      'every must be an integer of 1 or more, got "1.5"',
    ],
    ["status=503,from=-1", 'from must be an integer of 1 or more, got "-1"'],
    [
      "status=503,count=none",
      'count must be an integer of 1 or more, or all, got "none"',
    ],
    [
      "status=503,every=2,from=2",
      "every cannot be combined with from or count; write every=N alone, or from=N and count=N",
    ],
    [
      "path=(,drop",
      "path is not a valid regular expression: Invalid regular expression: /(/: Unterminated group; escape characters such as ( [ . * with a backslash to match them literally",
    ],
    [
      "method=FETCH,drop",
      'method must be one of GET, POST, PUT, PATCH, DELETE, got "FETCH"',
    ],
    [
      "status=429,retry-after=é",
      'retry-after must be printable ASCII text, such as retry-after=1, got "é"',
    ],
    [
      "status=abc,every=0",
      'every must be an integer of 1 or more, got "0"; status must be an HTTP status from 400 to 599, got "abc"',
    ],
  ];

  test.each(invalid)("rejects %j", (spec, problems) => {
    let error: unknown;
    try {
      parseFault(spec);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FaultSpecError);
    expect(error).toBeInstanceOf(UserError);
    expect((error as FaultSpecError).message).toBe(
      `invalid fault ${JSON.stringify(spec)}: ${problems}`,
    );
    expect((error as FaultSpecError).hint).toBe(
      'see "Fault injection" in docs/emulator.md',
    );
  });
});
