/**
 * An emulator of the DryRun Simple API, served over HTTP with node:http.
 * It serves every endpoint of the vendor's usage guide from a seed file so
 * that changes can be rehearsed offline. docs/emulator.md describes its
 * behaviour and the seed format.
 */
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type Fault, FaultInjector } from "./faults.js";
import type { PaginationShape } from "./pagination.js";
import { StateFile } from "./persistence.js";
import type { SeedFile } from "./seed.js";
import { parseSeed } from "./seed-loading.js";
import { type RecordedRequest, createRequestListener } from "./server.js";
import { createState } from "./state.js";
import { StateStore } from "./store.js";

export { FaultSpecError } from "./fault-error.js";
export { parseFault } from "./fault-spec.js";
export type { Fault, FaultAction } from "./faults.js";
export { loadSeedFile, parseSeed } from "./seed-loading.js";
export { SeedError } from "./seed-error.js";
export type { RecordedRequest, RecordedResponse } from "./server.js";
export type {
  AccountSeed,
  AnalyzerSeed,
  ApiKeySeed,
  CodePolicySeed,
  CodePolicySetting,
  ConfigurationSeed,
  ConfigurationSettings,
  CustomPolicySeed,
  DeepscanSeed,
  FindingSeed,
  InsightSeed,
  NotificationSettings,
  RepositorySeed,
  ScanFindingSeed,
  ScanResult,
  ScanSeed,
  SeedFile,
  SettingsSeed,
} from "./seed.js";

export interface EmulatorOptions {
  /** The parsed seed; it is validated again, and never changed. */
  seed: SeedFile;
  /** Address to listen on; default "127.0.0.1". */
  host?: string;
  /** Port to listen on; default 0, which picks a free port. */
  port?: number;
  /**
   * File that keeps the state across runs. When it exists at start it is
   * loaded in place of `seed`; otherwise it is created from `seed`. Every
   * successful write saves it.
   */
  statePath?: string;
  /**
   * Whether to keep every request in `requests`; default true. A
   * long-running emulator turns it off, because the list only grows.
   */
  recordRequests?: boolean;
  /** Placement of the page information in list responses; default "meta". */
  pagination?: PaginationShape;
  /**
   * Whether list items of configurations carry the `configuration`
   * settings object; default true.
   */
  listIncludesConfiguration?: boolean;
  /**
   * Delay in milliseconds before each request is routed and handled, so
   * every response and every injected fault comes at least this late;
   * default 0.
   */
  latencyMs?: number;
  /**
   * Faults to inject, checked in order for every request; the first that
   * applies wins.
   */
  faults?: Fault[];
  /**
   * Receives one line per request: method, path, status, duration and
   * request id, followed by the fault injected, if any. Lines never contain
   * headers or API keys.
   */
  log?: (line: string) => void;
}

export interface RunningEmulator {
  /** The base URL of the API, such as "http://127.0.0.1:PORT/v1". */
  url: string;
  port: number;
  /** Every request served and its response, in order, without headers. */
  requests: RecordedRequest[];
  /** A deep copy of the current state, in the seed format. */
  snapshot(): SeedFile;
  /** Stops listening and waits for pending writes and saves. */
  close(): Promise<void>;
}

/**
 * Starts the emulator. Rejects with SeedError when the seed or the state
 * file is invalid, with FaultSpecError when a fault is invalid, and with an
 * Error when the address cannot be used.
 */
export async function startEmulator(
  options: EmulatorOptions,
): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? 0;
  const latencyMs = options.latencyMs ?? 0;
  const pagination = options.pagination ?? "meta";
  checkOptions(port, latencyMs, pagination);
  const faults = new FaultInjector(options.faults ?? []);

  const store = await openStore(options.seed, options.statePath);
  const requests: RecordedRequest[] = [];
  const server = createServer(
    createRequestListener(store, {
      pagination,
      listIncludesConfiguration: options.listIncludesConfiguration ?? true,
      latencyMs,
      faults,
      log: options.log,
      requests,
      recordRequests: options.recordRequests ?? true,
    }),
  );
  const address = await listen(server, host, port);
  const urlHost = address.address.includes(":")
    ? `[${address.address}]`
    : address.address;

  return {
    url: `http://${urlHost}:${address.port}/v1`,
    port: address.port,
    requests,
    snapshot: () => store.snapshot(),
    close: async () => {
      await closeServer(server);
      await store.flush();
    },
  };
}

/**
 * Builds the store from the state file when it exists, and otherwise from
 * the seed, which then becomes the state file's first content.
 */
async function openStore(
  seed: SeedFile,
  statePath: string | undefined,
): Promise<StateStore> {
  if (statePath === undefined) {
    return new StateStore(createState(parseSeed(seed, "seed")));
  }
  const stateFile = new StateFile(statePath);
  const saved = await stateFile.loadIfExists();
  const state = createState(saved ?? parseSeed(seed, "seed"));
  if (saved === undefined) {
    await stateFile.save(state);
  }
  return new StateStore(state, stateFile);
}

function checkOptions(
  port: number,
  latencyMs: number,
  pagination: string,
): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(
      `emulator port must be an integer from 0 to 65535, got ${port}`,
    );
  }
  if (!Number.isFinite(latencyMs) || latencyMs < 0) {
    throw new RangeError(
      `emulator latencyMs must be a number of 0 or more, got ${latencyMs}`,
    );
  }
  if (pagination !== "meta" && pagination !== "top-level") {
    throw new RangeError(
      `emulator pagination must be "meta" or "top-level", got ${JSON.stringify(pagination)}`,
    );
  }
}

function listen(
  server: Server,
  host: string,
  port: number,
): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === "EADDRINUSE"
          ? "the address is in use"
          : error.code === "EACCES"
            ? "no permission to listen there"
            : error.message;
      reject(
        new Error(`cannot listen on ${host}:${port}: ${reason}`, {
          cause: error,
        }),
      );
    });
    server.listen(port, host, () => {
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Stops accepting connections, closes idle ones and waits for the rest. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)));
    server.closeIdleConnections();
  });
}
