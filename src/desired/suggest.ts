/**
 * "Did you mean …?" for misspelt field names and enum values. A suggestion is only offered when it is
 * close enough that a person would call it a typo: the same word in another case, or a few edits away.
 */

/** Edit distance (insert, delete, substitute) between two strings. */
function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Typos allowed for a word of this length: 1 for short words, up to a third of longer ones. */
function tolerance(length: number): number {
  return Math.max(1, Math.floor(length / 3));
}

/** The candidate closest to `input`, or undefined when none is close enough to be a likely typo. */
export function suggestClosest(input: string, candidates: readonly string[]): string | undefined {
  // Inputs this long are not typos of a field name; skip the quadratic work.
  if (input.length === 0 || input.length > 200) return undefined;
  const folded = input.toLowerCase().replace(/[-_\s]/g, '');
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    const distance = levenshtein(folded, candidate.toLowerCase().replace(/[-_\s]/g, ''));
    if (distance <= tolerance(candidate.length) && (!best || distance < best.distance)) best = { candidate, distance };
  }
  if (best) return best.candidate;
  // A cut-short value (ENTIRE_ORG for ENTIRE_ORGANIZATION) is a typo too, when only one candidate starts so.
  const starting =
    folded.length >= 3
      ? candidates.filter((c) =>
          c
            .toLowerCase()
            .replace(/[-_\s]/g, '')
            .startsWith(folded),
        )
      : [];
  return starting.length === 1 ? starting[0] : undefined;
}
