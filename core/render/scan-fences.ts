/** One line of a GitHub comment or issue body, and whether it sits inside a fenced code block. */
export interface FencedLine {
  /** The line without its line ending. */
  text: string;
  /** Inside a fenced code block, or one of its fence lines: quoted code, never an instruction. */
  fenced: boolean;
}

/** A fence opens with 3+ backticks or tildes after at most 3 spaces (CommonMark 4.5). */
const OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/**
 * Split a markdown body into lines marked fenced or not, the way GitHub renders it
 * (https://spec.commonmark.org/0.31.2/#fenced-code-blocks): a fence closes only on a fence of the
 * same character at least as long with nothing after it, and an unclosed fence runs to the end.
 * Commands and markers inside a fence are examples someone quoted, so callers skip them.
 */
export function scanFences(body: string): FencedLine[] {
  const out: FencedLine[] = [];
  let fence: { char: string; size: number } | undefined;
  for (const raw of body.split("\n")) {
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const mark = OPEN.exec(text);
    if (fence) {
      out.push({ text, fenced: true });
      const run = mark?.[1];
      if (run && run[0] === fence.char && run.length >= fence.size && mark[2]!.trim() === "") fence = undefined;
      continue;
    }
    const run = mark?.[1];
    // A backtick fence's info string may not contain a backtick (then the line is inline code).
    if (run && !(run[0] === "`" && mark[2]!.includes("`"))) {
      fence = { char: run[0]!, size: run.length };
      out.push({ text, fenced: true });
      continue;
    }
    out.push({ text, fenced: false });
  }
  return out;
}
