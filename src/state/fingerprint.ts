import { createHash } from "node:crypto";
import { canonicalJson } from "../util/equal.js";
import { compareStrings } from "../util/compare.js";
import type { LiveSnapshot } from "./snapshot.js";

/**
 * Short hashes of what a plan read from an account, so that applying a
 * saved plan can tell whether the account changed since. Names are kept in
 * clear where a message must name what changed; the rest is hashed.
 */
export interface Fingerprints {
  /** Per live configuration id: its name and a hash per settings key. */
  configurations: Record<
    string,
    { name: string; fields: Record<string, string> }
  >;
  /** Per repository id: a hash of its name and configuration_id. */
  repositories: Record<string, string>;
  /** A hash of the custom policies' ids and names. */
  custom_policies: string;
  /** A hash of the analyzer slugs. */
  analyzers: string;
}

export function hashValue(value: unknown): string {
  return createHash("sha256")
    .update(canonicalJson(value) ?? "null")
    .digest("hex")
    .slice(0, 16);
}

/**
 * Hashes a repository's name and configuration with two 32-bit FNV-1a
 * hashes. A cryptographic hash is not needed to notice a change, and this
 * one is about thirty times faster, which matters with 50,000 repositories.
 */
export function repositoryHash(repository: {
  name: string;
  configuration_id: string | null;
}): string {
  const text = `${repository.name}\u0000${repository.configuration_id ?? ""}`;
  return fnv1a(text, 0x811c9dc5) + fnv1a(text, 0x01000193);
}

function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/** Computes the fingerprints of everything a snapshot contains. */
export function fingerprintSnapshot(snapshot: LiveSnapshot): Fingerprints {
  const configurations: Fingerprints["configurations"] = {};
  for (const configuration of snapshot.configurations) {
    const fields: Record<string, string> = {};
    const settings = configuration.configuration ?? {};
    for (const key of Object.keys(settings).sort(compareStrings)) {
      fields[key] = hashValue(settings[key as keyof typeof settings]);
    }
    configurations[configuration.id] = { name: configuration.name, fields };
  }

  const repositories: Record<string, string> = {};
  for (const repository of snapshot.repositories) {
    repositories[repository.id] = repositoryHash(repository);
  }

  const policies = snapshot.customPolicies
    .map((policy) => [policy.id, policy.name])
    .sort((a, b) => compareStrings(a[0] ?? "", b[0] ?? ""));
  const slugs = snapshot.analyzers.map((analyzer) => analyzer.slug).sort();
  return {
    configurations,
    repositories,
    custom_policies: hashValue(policies),
    analyzers: hashValue(slugs),
  };
}
