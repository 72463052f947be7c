export { findAccount, type AccountMatch } from "./accounts.js";
export {
  readSnapshot,
  DEFAULT_CONCURRENCY,
  type LiveSnapshot,
  type ReadOptions,
} from "./snapshot.js";
export {
  fingerprintSnapshot,
  hashValue,
  repositoryHash,
  type Fingerprints,
} from "./fingerprint.js";
