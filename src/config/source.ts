import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type Document,
  type LineCounter,
  type Node,
} from "yaml";
import type { SourceLocation } from "./diagnostics.js";

/** A path into a YAML document: map keys and list indexes. */
export type NodePath = readonly (string | number)[];

/** One parsed config file, with what is needed to locate any of its nodes. */
export interface SourceDocument {
  /** The file's path as shown in messages. */
  file: string;
  document: Document.Parsed;
  lineCounter: LineCounter;
  /** The document as plain data. */
  value: unknown;
}

/**
 * Returns where the node at `path` starts, or the key of its map entry when
 * `part` is "key". Where the path leads past what the file contains, the
 * deepest node that exists is used, so a missing field points at its parent.
 */
export function locate(
  source: SourceDocument,
  path: NodePath,
  part: "key" | "value" = "value",
): SourceLocation {
  let node: unknown = source.document.contents;
  let offset = rangeStart(node) ?? 0;

  for (const [index, segment] of path.entries()) {
    const isLast = index === path.length - 1;
    node = isAlias(node) ? node.resolve(source.document) : node;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) =>
          isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (pair === undefined) break;
      const keyStart = rangeStart(pair.key) ?? offset;
      if (isLast && part === "key") {
        offset = keyStart;
        break;
      }
      node = pair.value;
      // An empty value (`key:` and nothing after it) is shown at its key.
      offset = isEmptyScalar(node) ? keyStart : (rangeStart(node) ?? keyStart);
    } else if (isSeq(node) && typeof segment === "number") {
      const item: unknown = node.items[segment];
      if (item === undefined) break;
      node = item;
      offset = rangeStart(node) ?? offset;
    } else {
      break;
    }
  }

  const { line, col } = source.lineCounter.linePos(offset);
  return { file: source.file, line, column: col };
}

function isEmptyScalar(node: unknown): boolean {
  return isScalar(node) && node.range?.[0] === node.range?.[1];
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range?.[0];
}

/** Formats a node path the way the user wrote it: `configurations[0].name`. */
export function formatPath(path: NodePath): string {
  let text = "";
  for (const segment of path) {
    text +=
      typeof segment === "number"
        ? `[${segment}]`
        : `${text === "" ? "" : "."}${segment}`;
  }
  return text;
}
