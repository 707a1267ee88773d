/** Words longer than this are not typos of a key; comparing them would only cost time. */
const MAX_COMPARED = 64;

/**
 * The candidate a person most likely meant, or undefined. Matches ignoring case, `_` and `-`
 * first (`approvalRequired` → `approval_required`), then by edit distance, a swap of two
 * neighbours counting as one edit (`titel` → `title`): 1 edit for words of up to 3 letters,
 * 2 up to 8, a quarter of the length beyond.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  if (word.length === 0 || word.length > MAX_COMPARED) return undefined;
  const folded = fold(word);
  const same = candidates.find((c) => fold(c) === folded);
  if (same !== undefined) return same;
  let best: string | undefined;
  let bestDistance = (word.length <= 3 ? 1 : word.length <= 8 ? 2 : Math.floor(word.length / 4)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
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

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}
