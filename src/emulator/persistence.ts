/** The state file: the emulator's state saved in the seed format. */
import { randomUUID } from "node:crypto";
import { open, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { SeedFile } from "./seed.js";
import { loadSeedFile } from "./seed-loading.js";

/** Owner read and write only, because the file contains the API keys. */
const STATE_FILE_MODE = 0o600;

export class StateFile {
  readonly path: string;
  #pending: Promise<void> = Promise.resolve();

  constructor(path: string) {
    this.path = path;
  }

  /** Loads and validates the file; returns undefined if it does not exist. */
  async loadIfExists(): Promise<SeedFile | undefined> {
    try {
      await stat(this.path);
    } catch (error) {
      if (isFileNotFound(error)) {
        return undefined;
      }
      throw error;
    }
    return loadSeedFile(this.path, "state file");
  }

  /**
   * Saves the state. Saves run one after another in call order, so the
   * file always ends with the last state saved and never mixes two.
   */
  save(state: SeedFile): Promise<void> {
    const text = `${JSON.stringify(state, null, 2)}\n`;
    const saved = this.#pending.then(() =>
      writeFileAtomically(this.path, text),
    );
    // The chain must survive a failed save; the caller receives the error
    // through `saved`.
    this.#pending = saved.catch(() => undefined);
    return saved;
  }
}

/**
 * Writes a temporary file beside the target, flushes it to disk and renames
 * it over the target, so a reader sees either the old or the new file.
 */
async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temporaryPath = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomUUID()}.tmp`,
  );
  try {
    const handle = await open(temporaryPath, "wx", STATE_FILE_MODE);
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporaryPath, path);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
}

function isFileNotFound(error: unknown): boolean {
  return (
    error instanceof Error &&
    "code" in error &&
    (error as NodeJS.ErrnoException).code === "ENOENT"
  );
}
