import { readdir, readFile, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { LineCounter, parseDocument, visit, type YAMLError } from "yaml";
import { UserError } from "../errors.js";
import { displayPath } from "../util/display-path.js";
import type { Diagnostic } from "./diagnostics.js";
import type { SourceDocument } from "./source.js";

/** Config files larger than this are rejected unread. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** More aliases than this in one file are rejected (a "billion laughs"). */
export const MAX_ALIASES = 100;

export interface LoadResult {
  documents: SourceDocument[];
  diagnostics: Diagnostic[];
}

/**
 * Reads and parses every `*.yaml` and `*.yml` file under `directory`, in a
 * sorted order. Files that fail to parse produce diagnostics rather than
 * documents, so one run reports the problems of every file.
 */
export async function loadSourceDocuments(
  directory: string,
): Promise<LoadResult> {
  const found = await findConfigFiles(directory);
  const documents: SourceDocument[] = [];
  const diagnostics: Diagnostic[] = [...found.diagnostics];
  for (const file of found.files) {
    const result = await loadFile(file);
    diagnostics.push(...result.diagnostics);
    if (result.document) documents.push(result.document);
  }
  return { documents, diagnostics };
}

/**
 * Lists the config files under `directory`, skipping folders whose name
 * starts with a dot and `node_modules`. A symbolic link that leads outside
 * the directory, or nowhere, is reported rather than followed.
 */
export async function findConfigFiles(
  directory: string,
): Promise<{ files: string[]; diagnostics: Diagnostic[] }> {
  const root = await resolveDirectory(directory);
  const walker: Walker = {
    root,
    files: [],
    diagnostics: [],
    visited: new Set([root]),
  };
  await walk(directory, walker);
  if (walker.files.length === 0 && walker.diagnostics.length === 0) {
    throw new UserError(`no config files (*.yaml, *.yml) in ${directory}`, {
      hint: "pass the folder that contains the config files",
    });
  }
  return { files: walker.files.sort(), diagnostics: walker.diagnostics };
}

async function resolveDirectory(directory: string): Promise<string> {
  try {
    const info = await stat(directory);
    if (!info.isDirectory()) {
      throw new UserError(`${directory} is not a directory`, {
        hint: "pass the directory that contains the config files",
      });
    }
    return await realpath(directory);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`config directory ${directory} not found`, {
      hint: "pass the directory that contains the config files",
    });
  }
}

interface Walker {
  root: string;
  files: string[];
  diagnostics: Diagnostic[];
  /** Real paths of the folders read, so a link loop is read once. */
  visited: Set<string>;
}

async function walk(folder: string, walker: Walker): Promise<void> {
  const entries = await readdir(folder, { withFileTypes: true });
  for (const entry of entries) {
    const entryPath = path.join(folder, entry.name);
    const isYaml = /\.ya?ml$/i.test(entry.name);
    if (entry.name.startsWith(".")) {
      if (isYaml && entry.isFile()) await checkSkippedFile(entryPath, walker);
      continue;
    }
    if (entry.name === "node_modules") continue;
    const resolved = await realpath(entryPath).catch(() => undefined);
    if (resolved === undefined) {
      if (isYaml)
        walker.diagnostics.push(linkProblem(entryPath, "leads nowhere"));
      continue;
    }
    const inside =
      resolved === walker.root || resolved.startsWith(walker.root + path.sep);
    const info = await stat(resolved);
    if (!inside) {
      if (isYaml || info.isDirectory()) {
        walker.diagnostics.push(
          linkProblem(entryPath, "leads outside the config directory"),
        );
      }
    } else if (info.isDirectory()) {
      if (walker.visited.has(resolved)) continue;
      walker.visited.add(resolved);
      await walk(entryPath, walker);
    } else if (isYaml && info.isFile()) {
      walker.files.push(displayPath(entryPath));
    } else if (isYaml) {
      walker.diagnostics.push(
        fileDiagnostic(
          displayPath(entryPath),
          "not-a-file",
          "this is not a regular file (a pipe or a device, say), so it is not read",
          "remove it, or rename it so that it does not end in .yaml or .yml",
        ),
      );
    }
  }
}

/**
 * Warns about a skipped file whose name starts with a dot (an editor's or
 * another tool's file, like `.yamllint.yml`) when it declares
 * configurations, because with `prune` the plan would delete them.
 */
async function checkSkippedFile(file: string, walker: Walker): Promise<void> {
  const info = await stat(file);
  if (info.size > MAX_FILE_BYTES) return;
  const text = await readFile(file, "utf8");
  if (!/^configurations\s*:/m.test(text)) return;
  walker.diagnostics.push({
    ...fileDiagnostic(
      displayPath(file),
      "skipped-dot-file",
      "the file declares configurations, but its name starts with a dot, so it is not read",
      "rename it without the leading dot",
    ),
    severity: "warning",
  });
}

function linkProblem(entryPath: string, problem: string): Diagnostic {
  return fileDiagnostic(
    displayPath(entryPath),
    "symlink-outside-directory",
    `the symbolic link ${problem}, so it is not read`,
    "copy the file into the config directory, or remove the link",
  );
}

async function loadFile(
  file: string,
): Promise<{ document?: SourceDocument; diagnostics: Diagnostic[] }> {
  const info = await stat(file);
  if (info.size > MAX_FILE_BYTES) {
    return {
      diagnostics: [
        fileDiagnostic(
          file,
          "file-too-large",
          `the file is ${info.size} bytes, over the limit of ${MAX_FILE_BYTES}`,
          "split the configurations across several files",
        ),
      ],
    };
  }

  const bytes = await readFile(file);
  const text = decodeText(bytes);
  if (text === undefined) {
    return {
      diagnostics: [
        {
          ...fileDiagnostic(
            file,
            "not-text",
            "the file is not UTF-8 text",
            "save it as UTF-8, or remove it if it is not a config file",
          ),
          location: { file, ...firstInvalidByte(bytes) },
        },
      ],
    };
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    version: "1.2",
    uniqueKeys: true,
    prettyErrors: false,
  });

  const diagnostics = [...document.errors, ...document.warnings].map(
    (problem) => yamlDiagnostic(file, problem, lineCounter, text),
  );
  if (diagnostics.length > 0) return { diagnostics };

  // A %YAML 1.1 directive would bring back yes/no booleans and octal 0755.
  const version = document.directives?.yaml;
  if (version?.explicit && version.version !== "1.2") {
    const directive = /^%YAML/m.exec(text);
    const line = text.slice(0, directive?.index ?? 0).split("\n").length;
    return {
      diagnostics: [
        {
          ...fileDiagnostic(
            file,
            "yaml-version",
            `the file asks for YAML ${version.version}, but config files are read as YAML 1.2`,
            "remove the %YAML line",
          ),
          location: { file, line, column: 1 },
        },
      ],
    };
  }

  let aliases = 0;
  visit(document, { Alias: () => void aliases++ });
  if (aliases > MAX_ALIASES) {
    const message = `the file has ${aliases} YAML aliases, over the limit of ${MAX_ALIASES}`;
    const hint = "write the values out, or split the file";
    return {
      diagnostics: [fileDiagnostic(file, "yaml-aliases", message, hint)],
    };
  }

  // yaml's own check also rejects nested aliases that expand exponentially.
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const message = `the file's YAML aliases expand to too many values (${error.message})`;
    const hint = "write the values out instead of nesting aliases";
    return {
      diagnostics: [fileDiagnostic(file, "yaml-aliases", message, hint)],
    };
  }
  return { document: { file, document, lineCounter, value }, diagnostics };
}

/** Reads the map key that starts at `offset`, without its quotes. */
function keyAt(text: string, offset: number): string {
  const match = /^("[^"\n]*"|'[^'\n]*'|[^:\n]*?)\s*:/.exec(text.slice(offset));
  const key = match?.[1] ?? text.slice(offset, offset + 1);
  return key.replace(/^(["'])(.*)\1$/, "$2");
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes UTF-8 text; returns undefined for binary or other encodings. */
function decodeText(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return UTF8.decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    return undefined;
  }
}

/**
 * Locates the first NUL byte or invalid UTF-8 sequence, by line and by
 * character within the line.
 */
function firstInvalidByte(bytes: Buffer): { line: number; column: number } {
  let start = 0;
  for (let line = 1; start <= bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const lossy = new TextDecoder("utf-8").decode(bytes.subarray(start, end));
    const bad = lossy.search(/[\u0000\uFFFD]/);
    if (bad >= 0) return { line, column: bad + 1 };
    start = end + 1;
  }
  return { line: 1, column: 1 };
}

function yamlDiagnostic(
  file: string,
  problem: YAMLError,
  lineCounter: LineCounter,
  text: string,
): Diagnostic {
  const { line, col } = lineCounter.linePos(problem.pos[0]);
  const reported = problem.message.split("\n")[0] ?? problem.message;
  const firstLine = /Maximum call stack size exceeded/.test(reported)
    ? "the YAML is nested too deeply"
    : reported;
  const known = YAML_PROBLEMS[problem.code];
  return {
    severity: "error",
    rule: known?.rule ?? "yaml-syntax",
    message:
      known?.message(firstLine, keyAt(text, problem.pos[0])) ??
      `invalid YAML: ${firstLine}`,
    location: { file, line, column: col },
    ...(known?.hint ? { hint: known.hint } : {}),
  };
}

const YAML_PROBLEMS: Record<
  string,
  {
    rule: string;
    /** Builds the message from the parser's and the offending source text. */
    message: (problem: string, source: string) => string;
    hint?: string;
  }
> = {
  DUPLICATE_KEY: {
    rule: "duplicate-key",
    message: (_problem, key) =>
      `duplicate key ${JSON.stringify(key)}: it is already set in the same map`,
    hint: "remove one of the two entries",
  },
  TAG_RESOLVE_FAILED: {
    rule: "yaml-custom-tag",
    message: (text) => `custom YAML tags are not supported (${text})`,
    hint: "remove the tag and write the plain value",
  },
  MULTIPLE_DOCS: {
    rule: "yaml-multiple-documents",
    message: () => "the file has more than one YAML document",
    hint: "remove the `---` separators, or split the file in two",
  },
};

function fileDiagnostic(
  file: string,
  rule: string,
  message: string,
  hint: string,
): Diagnostic {
  return {
    severity: "error",
    rule,
    message,
    location: { file, line: 1, column: 1 },
    hint,
  };
}
