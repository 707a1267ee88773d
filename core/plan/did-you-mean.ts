/** Words longer than this are not typos of a key; comparing them would only cost time. */
const MAX_COMPARED = 64;

/**
 * The candidate a person most likely meant, or undefined. Matches ignoring case, `_` and `-`
 * first (`approvalRequired` → `approval_required`), then by edit distance: at most 1 edit for
 * short words, up to a third of the length for longer ones.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  if (word.length === 0 || word.length > MAX_COMPARED) return undefined;
  const folded = fold(word);
  const same = candidates.find((c) => fold(c) === folded);
  if (same !== undefined) return same;
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = levenshtein(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function fold(word: string): string {
  return word.toLowerCase().replace(/[_-]/g, "");
}

/** Classic two-row Levenshtein distance. */
export function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
