/** Computes the Levenshtein edit distance between two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + substitution,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Returns up to `limit` candidates closest to `value`, nearest first, leaving
 * out those so far away that they would not be a plausible typo.
 */
export function closestMatches(
  value: string,
  candidates: Iterable<string>,
  limit = 3,
): string[] {
  const wanted = value.toLowerCase();
  const maxDistance = Math.max(2, Math.floor(wanted.length / 3));
  const scored: { candidate: string; distance: number }[] = [];
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (distance <= maxDistance) scored.push({ candidate, distance });
  }
  scored.sort(
    (a, b) =>
      a.distance - b.distance || a.candidate.localeCompare(b.candidate, "en"),
  );
  return scored.slice(0, limit).map((entry) => entry.candidate);
}

/** Formats a hint such as `did you mean "a" or "b"?`, or undefined. */
export function didYouMean(suggestions: string[]): string | undefined {
  if (suggestions.length === 0) return undefined;
  const quoted = suggestions.map((suggestion) => JSON.stringify(suggestion));
  const last = quoted.pop();
  const list = quoted.length > 0 ? `${quoted.join(", ")} or ${last}` : last;
  return `did you mean ${list}?`;
}
