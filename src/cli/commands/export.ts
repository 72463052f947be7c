import { access, mkdir } from "node:fs/promises";
import path from "node:path";
import { listAccounts } from "../../api/index.js";
import { parseSeed } from "../../emulator/index.js";
import { UserError } from "../../errors.js";
import { exportFiles } from "../../export/files.js";
import { exportSeed } from "../../export/seed.js";
import { findAccount, readSnapshot } from "../../state/index.js";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { PACKAGE_ROOT } from "../../util/package-root.js";
import { closestMatches, didYouMean } from "../../util/suggest.js";
import { connect } from "../connection.js";
import type { ApiArgs, CliContext } from "../context.js";
import { ExitCode } from "../exit-codes.js";

export interface ExportArgs extends ApiArgs {
  account: string;
  out?: string | undefined;
  emulatorSeed?: string | undefined;
  singleFile?: boolean;
  force?: boolean;
}

/**
 * Turns an account's live configurations into config files that plan to no
 * changes, and with `--emulator-seed` into a seed for the emulator.
 * Existing files are replaced only with `--force`.
 */
export async function runExport(
  args: ExportArgs,
  context: CliContext,
): Promise<ExitCode> {
  const { output } = context;
  const client = await connect(args, context.env, output);
  const accounts = await listAccounts(client, args);
  const match = findAccount(accounts, args.account);
  if (match.kind !== "found") {
    const names = accounts.map((account) => account.org_name);
    throw new UserError(
      `account ${JSON.stringify(args.account)} is not an account this API key can access`,
      {
        hint:
          didYouMean(closestMatches(args.account, names)) ??
          `it can access: ${names.join(", ")}`,
      },
    );
  }
  output.info(
    `Reading account ${match.account.org_name} (${match.account.account_id})`,
  );
  const snapshot = await readSnapshot(client, match.account, args);
  const now = new Date();
  const overwrite = { overwrite: args.force ?? false, flag: "--force" };

  if (args.out !== undefined || args.emulatorSeed === undefined) {
    const dir = args.out ?? ".";
    const sameName = accounts.filter(
      (a) => a.org_name === match.account.org_name,
    );
    const { files, warnings } = exportFiles(snapshot, {
      accountReference:
        sameName.length === 1
          ? match.account.org_name
          : match.account.account_id,
      schemaPath: path.relative(
        path.resolve(dir),
        path.join(PACKAGE_ROOT, "schemas", "config.schema.json"),
      ),
      singleFile: args.singleFile ?? false,
      exportedAt: now,
    });
    for (const warning of warnings) output.warning(warning);
    await makeFolder(dir);
    await refuseExisting(
      dir,
      files.map((file) => file.name),
      args.force ?? false,
    );
    for (const file of files) {
      await writeFileAtomic(path.join(dir, file.name), file.content, {
        ...overwrite,
        mode: 0o644,
      });
    }
    output.result(
      `Wrote ${files.length} file${files.length === 1 ? "" : "s"} to ${dir}\n`,
    );
  }

  if (args.emulatorSeed !== undefined) {
    const seed = exportSeed(snapshot, now);
    parseSeed(seed, args.emulatorSeed);
    await writeFileAtomic(
      args.emulatorSeed,
      `${JSON.stringify(seed, null, 2)}\n`,
      overwrite,
    );
    output.result(
      `Wrote the emulator seed ${args.emulatorSeed}; it holds a new API key for the emulator, not yours\n`,
    );
  }
  return ExitCode.Ok;
}

/** Lists every file the export would replace, before writing any. */
async function refuseExisting(dir: string, names: string[], force: boolean) {
  if (force) return;
  const existing: string[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    if (
      await access(file).then(
        () => true,
        () => false,
      )
    )
      existing.push(file);
  }
  if (existing.length > 0) {
    throw new UserError(
      `${existing.length === 1 ? "1 file of the export already exists" : `${existing.length} files of the export already exist`}: ${existing.slice(0, 5).join(", ")}${existing.length > 5 ? ", ..." : ""}`,
      { hint: "pass --force to replace them, or choose another --out folder" },
    );
  }
}

async function makeFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    throw new UserError(`cannot use ${dir} as the export folder (${code})`, {
      hint: "pass --out with a folder, new or existing, not a file",
    });
  }
}
