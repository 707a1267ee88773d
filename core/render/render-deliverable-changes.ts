import type { LineDiff } from "./diff-lines.js";
import { cutText } from "./cut-text.js";
import { renderCodeBlock } from "./render-summary.js";

/** One deliverable that differs from what an approver saw last. */
export interface DeliverableChange {
  path: string;
  /** `deleted`: gone now; `added`: not among what they saw; `changed`: another version. */
  kind: "changed" | "added" | "deleted";
  /** The line diff; undefined when the text they saw cannot be read any more (a rewritten history). */
  diff?: LineDiff;
}

/** What changed in a phase's deliverables since an approver's earlier approval. */
export interface DeliverableChanges {
  /** The commit recorded with the earlier approval ("" when it recorded none) and when it was given. */
  since: { commit: string; at: string };
  changes: DeliverableChange[];
}

/** Files listed, changed lines shown per file, and characters per line: the summary stays short. */
export const DIFF_SUMMARY_LIMITS = { files: 10, lines: 5, chars: 160 } as const;

/** Control, bidi and line-separator characters, shown as `\u{…}` so a line cannot reorder or hide text. */
// eslint-disable-next-line no-control-regex -- these characters are what it finds
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * What changed in the deliverables since the approver's earlier approval: per path the lines added
 * and removed and the first changed lines, bounded (DIFF_SUMMARY_LIMITS). `markdown` (a comment
 * reply) puts the lines in a fenced block, so HTML and markdown in them stay text; the caller's
 * defuseMarkdown keeps mentions in them from notifying anyone.
 */
export function renderDeliverableChanges(summary: DeliverableChanges, markdown: boolean): string {
  const commit = summary.since.commit ? ` at ${summary.since.commit.slice(0, 7)}` : "";
  const head = `Changed since your earlier approval${commit} (${summary.since.at}):`;
  const shown = summary.changes.slice(0, DIFF_SUMMARY_LIMITS.files);
  const out = [head];
  for (const change of shown) {
    const name = markdown ? codeSpan(change.path) : change.path;
    out.push(markdown ? `- ${name}: ${describe(change)}` : `  ${name}: ${describe(change)}`);
    const lines = (change.diff?.first ?? []).map(
      (l) => `${l.sign} ${cutText(l.text.replace(HIDDEN, reveal), DIFF_SUMMARY_LIMITS.chars)}`,
    );
    if (lines.length === 0) continue;
    if (markdown) out.push("", indent(renderCodeBlock(lines.join("\n"), "diff"), "  "), "");
    else out.push(...lines.map((l) => `      ${l}`));
  }
  const more = summary.changes.length - shown.length;
  if (more > 0) out.push(`${markdown ? "- " : "  "}and ${more} more file${more === 1 ? "" : "s"}`);
  return out.join("\n") + "\n";
}

function describe(change: DeliverableChange): string {
  const d = change.diff;
  if (!d) return `${change.kind}; the version you approved cannot be read here`;
  if (d.lineEndsOnly) return "only line ends changed (CRLF/LF or the final newline)";
  const lines = (n: number) => `${n} line${n === 1 ? "" : "s"}`;
  if (change.kind === "deleted") return `deleted (${lines(d.removed)} removed)`;
  if (change.kind === "added") return `added (${lines(d.added)})`;
  const counts = `+${d.added} −${d.removed}`;
  const first = d.added + d.removed > d.first.length ? `, first ${d.first.length} shown` : "";
  return d.approximate ? `at most ${counts} (too different to diff line by line)${first}` : `${counts}${first}`;
}

function reveal(c: string): string {
  return `\\u{${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}}`;
}

/** Inline code whose backtick fence is longer than any run in the text. */
function codeSpan(text: string): string {
  const run = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(run + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text.replace(HIDDEN, reveal)}${pad}${fence}`;
}

function indent(text: string, by: string): string {
  return text
    .split("\n")
    .map((l) => by + l)
    .join("\n");
}
