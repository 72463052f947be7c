/** Combining marks and zero-width characters, which take no column. */
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200b-\u200d\ufeff]/gu;

/**
 * Returns how many terminal columns a text takes: one per code point, less
 * the combining marks and zero-width characters. Wide East Asian characters
 * are counted as one, so a column of them still drifts.
 */
export function displayWidth(text: string): number {
  return [...text.replace(ZERO_WIDTH, "")].length;
}

/** Pads a text with spaces to `width` terminal columns. */
export function padDisplay(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}
