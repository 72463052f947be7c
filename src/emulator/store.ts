/**
 * The emulator's current state, and the write path that changes it one
 * request at a time.
 */
import { HttpError } from "./http-error.js";
import type { Reply } from "./http.js";
import type { StateFile } from "./persistence.js";
import type { SeedFile } from "./seed.js";
import type { EmulatorState } from "./state.js";

export class StateStore {
  #state: EmulatorState;
  #writes: Promise<unknown> = Promise.resolve();
  readonly #stateFile: StateFile | undefined;

  constructor(state: EmulatorState, stateFile?: StateFile) {
    this.#state = state;
    this.#stateFile = stateFile;
  }

  /** The committed state. Readers must not change it. */
  get current(): EmulatorState {
    return this.#state;
  }

  /** Returns a deep copy of the committed state, in the seed format. */
  snapshot(): SeedFile {
    return structuredClone(this.#state);
  }

  /**
   * Runs `change` on a copy of the state. Writes run one at a time, in
   * arrival order. The copy replaces the state only when `change` returns
   * a 2xx reply and the state file, if any, has been saved. When `change`
   * throws or the save fails, the state stays as it was, so a request
   * never takes effect halfway.
   */
  write(change: (draft: EmulatorState) => Reply): Promise<Reply> {
    const result = this.#writes.then(() => this.#commit(change));
    // Keep the queue going after a failed write; the caller receives that
    // failure through `result`.
    this.#writes = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every write started so far has finished. */
  async flush(): Promise<void> {
    await this.#writes;
  }

  async #commit(change: (draft: EmulatorState) => Reply): Promise<Reply> {
    const draft = copyForWrite(this.#state);
    const reply = change(draft);
    if (reply.status < 200 || reply.status >= 300) {
      return reply;
    }
    if (this.#stateFile !== undefined) {
      await this.#save(this.#stateFile, draft);
    }
    this.#state = draft;
    return reply;
  }

  async #save(stateFile: StateFile, state: EmulatorState): Promise<void> {
    try {
      await stateFile.save(state);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new HttpError(
        500,
        `failed to save the state file ${stateFile.path}: ${reason}; the change was not applied`,
      );
    }
  }
}

/**
 * Copies the parts of the state that writes change: each account's list of
 * configurations and of repositories, and each configuration and repository
 * object. Writes replace a configuration's fields (its settings object is
 * replaced, never changed in place) and a repository's configuration_id,
 * and add or remove list entries; everything else is shared with the
 * committed state. A deep copy of a 50,000-repository account on every
 * write cost tens of milliseconds.
 */
function copyForWrite(state: EmulatorState): EmulatorState {
  return {
    ...state,
    accounts: state.accounts.map((account) => ({
      ...account,
      configurations: account.configurations.map((configuration) => ({
        ...configuration,
      })),
      repositories: account.repositories.map((repository) => ({
        ...repository,
      })),
    })),
  };
}
