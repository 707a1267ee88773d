import { describe, expect, it } from "vitest";
import { diffLines, splitLines } from "../../../core/render/diff-lines.js";
import {
  DIFF_SUMMARY_LIMITS,
  renderDeliverableChanges,
  type DeliverableChanges,
} from "../../../core/render/render-deliverable-changes.js";
import { defuseMarkdown } from "../../../core/render/defuse-markdown.js";

const lines = (n: number, tag = "line") => Array.from({ length: n }, (_, i) => `${tag} ${i}`).join("\n") + "\n";

describe("diffLines", () => {
  it("counts lines added and removed and shows the first changed ones in order", () => {
    const d = diffLines("a\nb\nc\nd\ne\n", "a\nB\nc\nd\ne\nf\n");
    expect(d).toMatchObject({ added: 2, removed: 1, approximate: false, lineEndsOnly: false });
    expect(d.first).toEqual([
      { sign: "-", text: "b" },
      { sign: "+", text: "B" },
      { sign: "+", text: "f" },
    ]);
  });

  it("finds two separate hunks without counting the unchanged lines between them", () => {
    const before = lines(200);
    const after = before.replace("line 10\n", "ten\n").replace("line 150\n", "");
    expect(diffLines(before, after)).toMatchObject({ added: 1, removed: 2, approximate: false });
  });

  it("CRLF and LF compare equal: only the line ends changed", () => {
    const lf = "# Design\n\nSome text.\n";
    const crlf = lf.replace(/\n/g, "\r\n");
    expect(diffLines(lf, crlf)).toMatchObject({ added: 0, removed: 0, first: [], lineEndsOnly: true });
    expect(diffLines(lf, crlf.replace("Some", "Other"))).toMatchObject({ added: 1, removed: 1, lineEndsOnly: false });
    expect(splitLines("a\r\nb\rc\n")).toEqual(["a", "b", "c"]);
  });

  it("a deleted or new file is all removed or all added", () => {
    expect(diffLines(lines(3), "")).toMatchObject({ added: 0, removed: 3 });
    expect(diffLines("", lines(4))).toMatchObject({ added: 4, removed: 0 });
    expect(diffLines("", "")).toMatchObject({ added: 0, removed: 0, lineEndsOnly: false });
  });

  it("a huge diff stays bounded in time and says its counts are upper bounds", () => {
    const before = lines(60_000, "old");
    const after = lines(60_000, "new");
    const started = performance.now();
    const d = diffLines(before, after, 3);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(d).toMatchObject({ added: 60_000, removed: 60_000, approximate: true });
    expect(d.first).toHaveLength(3);
    // Many small scattered edits also give up before the budget, never hang.
    const scattered = splitLines(before)
      .map((l, i) => (i % 20 === 0 ? `${l}!` : l))
      .join("\n");
    expect(diffLines(before, scattered).approximate).toBe(true);
  });
});

describe("renderDeliverableChanges", () => {
  const summary = (diff: ReturnType<typeof diffLines>, kind: "changed" | "added" | "deleted" = "changed") =>
    ({
      since: { commit: "0123456789abcdef0123456789abcdef01234567", at: "2026-01-02T03:04:05Z" },
      changes: [{ path: "docs/design.md", kind, diff }],
    }) satisfies DeliverableChanges;

  it("markdown: mentions and HTML in the changed lines stay inert inside a fenced block", () => {
    const diff = diffLines(
      "ok\n",
      'ok\n@acme/security please look <img src="https://evil.example/p.png">\n```\n<script>x</script>\n',
    );
    const body = defuseMarkdown(renderDeliverableChanges(summary(diff), true));
    expect(body).toContain("Changed since your earlier approval at 0123456 (2026-01-02T03:04:05Z):");
    expect(body).toContain("- `docs/design.md`: +3 −0");
    expect(body).not.toMatch(/(^|\W)@acme/);
    expect(body).not.toContain("<img");
    // The fence is longer than the backticks inside, so the ``` line cannot close it.
    expect(body).toMatch(/^ {2}````diff$/m);
    expect(body).toContain("+ <script>x</script>");
  });

  it("bounds files, lines per file and characters per line, and reveals bidi controls", () => {
    const long = "x".repeat(5_000);
    const diff = diffLines("", `${long}\n\u202Eevil\n${lines(50)}`);
    const many: DeliverableChanges = {
      since: { commit: "", at: "t" },
      changes: Array.from({ length: 25 }, (_, i) => ({ path: `f${i}.md`, kind: "changed" as const, diff })),
    };
    const text = renderDeliverableChanges(many, true);
    expect(text).toContain("and 15 more files");
    expect(text).not.toContain("f10.md");
    expect(text).not.toContain("x".repeat(DIFF_SUMMARY_LIMITS.chars + 1));
    expect(text).toContain("+ \\u{202E}evil");
    expect(text.length).toBeLessThan(12_000);
  });

  it("says when the file was deleted, only its line ends changed, or the earlier text is gone", () => {
    expect(renderDeliverableChanges(summary(diffLines("a\nb\n", ""), "deleted"), false)).toContain(
      "docs/design.md: deleted (2 lines removed)",
    );
    expect(renderDeliverableChanges(summary(diffLines("a\n", "a\r\n")), false)).toContain("only line ends changed");
    const gone = { ...summary(diffLines("", "")), changes: [{ path: "a.md", kind: "changed" as const }] };
    expect(renderDeliverableChanges(gone, false)).toContain("a.md: changed; the version you approved cannot be read");
  });
});
