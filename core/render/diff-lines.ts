/** One changed line: `-` was there before, `+` is there now. */
export interface ChangedLine {
  sign: "+" | "-";
  text: string;
}

/** How two versions of a text differ, line by line. */
export interface LineDiff {
  added: number;
  removed: number;
  /** The first changed lines, in the order a unified diff shows them (at most `keep`). */
  first: ChangedLine[];
  /** The texts differ too much to diff within the budget: counts are upper bounds (whole middle replaced). */
  approximate: boolean;
  /** The lines are the same; only line ends (CRLF / LF) or the final newline differ. */
  lineEndsOnly: boolean;
}

/** Edit distance the diff searches up to before it settles for an upper bound. */
const MAX_EDITS = 1_000;
/** Steps of the search (cells visited) before it settles for an upper bound: bounded time on any input. */
const MAX_STEPS = 4_000_000;

/** A text's lines, whatever its line ends; a final newline ends the last line rather than opening one. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/**
 * Lines added and removed between `before` and `after` (Myers' O(ND) diff over the lines between the
 * common head and tail), and the first `keep` changed lines. CRLF and LF compare equal. Bounded: past
 * MAX_EDITS edits or MAX_STEPS steps the middle counts as replaced, flagged `approximate`.
 */
export function diffLines(before: string, after: string, keep = 5): LineDiff {
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const same = x.length === 0 && y.length === 0;
  const base = { approximate: false, lineEndsOnly: same && before !== after };
  if (x.length === 0 || y.length === 0) {
    const first = [...x.map(minus), ...y.map(plus)].slice(0, keep);
    return { added: y.length, removed: x.length, first, ...base };
  }
  const script = editScript(x, y);
  if (!script) {
    const first = [...x.slice(0, keep).map(minus), ...y.slice(0, keep).map(plus)].slice(0, keep);
    return { added: y.length, removed: x.length, first, approximate: true, lineEndsOnly: false };
  }
  const added = script.filter((e) => e.sign === "+").length;
  return { added, removed: script.length - added, first: script.slice(0, keep), ...base };
}

const minus = (text: string): ChangedLine => ({ sign: "-", text });
const plus = (text: string): ChangedLine => ({ sign: "+", text });

/** The shortest edit script from `x` to `y` (removals before additions within a hunk), or undefined past the budget. */
function editScript(x: readonly string[], y: readonly string[]): ChangedLine[] | undefined {
  const n = x.length;
  const m = y.length;
  const max = Math.min(n + m, MAX_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let steps = 0;
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
      let i = down ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let j = i - k;
      while (i < n && j < m && x[i] === y[j]) {
        i++;
        j++;
        steps++;
      }
      v[offset + k] = i;
      if (++steps > MAX_STEPS) return undefined;
      if (i >= n && j >= m) return backtrack(trace, offset, x, y, d);
    }
  }
  return undefined;
}

/** Walk the saved frontiers back from (n, m) to (0, 0), collecting the edits in order. */
function backtrack(
  trace: readonly Int32Array[],
  offset: number,
  x: readonly string[],
  y: readonly string[],
  edits: number,
): ChangedLine[] {
  const out: ChangedLine[] = [];
  let i = x.length;
  let j = y.length;
  for (let d = edits; d > 0; d--) {
    const v = trace[d]!;
    const k = i - j;
    const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevI = v[offset + prevK]!;
    const prevJ = prevI - prevK;
    while (i > prevI && j > prevJ) {
      i--;
      j--;
    }
    if (down) out.push(plus(y[prevJ]!));
    else out.push(minus(x[prevI]!));
    i = prevI;
    j = prevJ;
  }
  return out.reverse();
}
