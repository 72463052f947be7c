import type { LiveSnapshot } from "../state/index.js";
import { stringifyConfigFile } from "../config/write.js";
import type { WrittenConfiguration } from "../config/written.js";
import { sortBy } from "../util/compare.js";
import { TOOL_VERSION } from "../util/version.js";
import { ConfigurationWriter } from "./configuration-file.js";

export interface ExportedFile {
  /** The file name inside the export folder. */
  name: string;
  content: string;
}

export interface ExportOptions {
  /** The `account:` the files name: the organization name or the id. */
  accountReference: string;
  /** The schema modeline's path, relative to the export folder. */
  schemaPath: string;
  singleFile: boolean;
  /** When the export was made, for the header comment. */
  exportedAt: Date;
}

/**
 * Writes an account's configurations as config files: one per
 * configuration, or one for all with `singleFile` or when there are none,
 * declaring an empty list. Each starts with the
 * schema modeline and a comment saying where and when it came from.
 */
export function exportFiles(
  snapshot: LiveSnapshot,
  options: ExportOptions,
): { files: ExportedFile[]; warnings: string[] } {
  const writer = new ConfigurationWriter(snapshot);
  const configurations = sortBy(snapshot.configurations, (c) => c.name)
    .map((configuration) => writer.write(configuration))
    .filter(
      (written): written is WrittenConfiguration => written !== undefined,
    );

  const { account } = snapshot;
  const comment = [
    `Exported from account ${account.org_name} (${account.account_id})`,
    `by dryrun-config ${TOOL_VERSION} on ${options.exportedAt.toISOString()}.`,
  ].join("\n");
  const file = (name: string, list: WrittenConfiguration[]) => ({
    name,
    content: stringifyConfigFile(
      { account: options.accountReference, configurations: list },
      { schemaPath: options.schemaPath, comment },
    ),
  });

  // An account without configurations still gets a file naming it, so the
  // export folder validates and plans to no changes.
  if (options.singleFile || configurations.length === 0) {
    return {
      files: [
        file(`${fileStem(account.org_name, new Set())}.yaml`, configurations),
      ],
      warnings: writer.warnings,
    };
  }
  const used = new Set<string>();
  const files = configurations.map((configuration) =>
    file(`${fileStem(configuration.name, used)}.yaml`, [configuration]),
  );
  return { files, warnings: writer.warnings };
}

/** Characters of a file name's stem; file systems allow 255 bytes. */
const MAX_STEM_LENGTH = 80;

/**
 * Makes a file name from a configuration name: lower case, runs of other
 * characters than letters, digits, dot, dash and underscore as one dash,
 * cut to MAX_STEM_LENGTH characters, and a number appended when two names
 * give the same stem.
 */
export function fileStem(name: string, used: Set<string>): string {
  const base =
    name
      .normalize("NFC")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}._-]+/gu, "-")
      .replace(/^[-.]+|-+$/g, "")
      .slice(0, MAX_STEM_LENGTH) || "configuration";
  let stem = base;
  for (let number = 2; used.has(stem); number++) stem = `${base}-${number}`;
  used.add(stem);
  return stem;
}
