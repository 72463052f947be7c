/**
 * Orders strings case-insensitively, then by UTF-16 code units to break
 * ties. Neither step depends on the locale, so every machine sorts alike,
 * which keeps plans byte-identical.
 */
export function compareStrings(a: string, b: string): number {
  const lowerA = a.toLowerCase();
  const lowerB = b.toLowerCase();
  if (lowerA !== lowerB) return lowerA < lowerB ? -1 : 1;
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

export function sortBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareStrings(key(a), key(b)));
}
