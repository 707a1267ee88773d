import { describe, expect, it } from "vitest";
import type { TrackerOp } from "../../../core/projection/projection.js";
import {
  renderPartialSync,
  renderSyncReport,
  type SyncReportView,
} from "../../../core/projection/render-sync-report.js";

const label = { kind: "create-label", label: { name: "phasegate", color: "5319e7", description: "" } } as TrackerOp;
const issue = {
  kind: "create-issue",
  issue: { title: "T1: *bold* <b>", body: "", labels: ["phasegate"] },
} as TrackerOp;
const close = { kind: "update-issue", number: 7, issue: { state: "closed", stateReason: "not_planned" } } as TrackerOp;

function report(writes: TrackerOp[], more: Partial<SyncReportView> = {}): SyncReportView {
  return { milestone: "m1", writes, total: writes.length, complete: true, notes: [], ...more };
}

describe("renderSyncReport", () => {
  it.each([
    {
      case: "text, nothing to write",
      report: report([]),
      options: {},
      out: "synced m1: 0 writes\n",
    },
    {
      case: "text, complete",
      report: report([label, close]),
      options: {},
      out: 'synced m1: 2 writes\n  create label "phasegate"\n  close issue #7 as not planned\n',
    },
    {
      case: "text, dry run counts each verb",
      report: report([label, issue, close]),
      options: { dryRun: true },
      out:
        "3 writes would be made: 2 to create, 0 to change, 1 to close\n" +
        '  create label "phasegate"\n  create issue "T1: *bold* <b>" [phasegate]\n  close issue #7 as not planned\n',
    },
    {
      case: "text, partial, with a note",
      report: report([label], { total: 5, complete: false, notes: ["GitHub allows 100 sub-issues"] }),
      options: {},
      out: 'partial: 1 of 5 writes; run it again to finish\n  create label "phasegate"\nnote: GitHub allows 100 sub-issues\n',
    },
    {
      case: "markdown, nothing to write",
      report: report([]),
      options: { markdown: true },
      out: "## Phasegate sync: `m1`\n\nGitHub matches the plan and the log: nothing to write.\n",
    },
    {
      case: "markdown, complete, titles escaped",
      report: report([issue]),
      options: { markdown: true, heading: "advance" },
      out: '## Phasegate advance: `m1`\n\n1 write:\n\n- create issue "T1: *bold* &lt;b&gt;" [phasegate]\n',
    },
    {
      case: "markdown, dry run counts each verb as the text does",
      report: report([label, close]),
      options: { markdown: true, dryRun: true },
      out:
        "## Phasegate sync: `m1` (dry run)\n\nA sync would make 2 writes (1 to create, 0 to change, 1 to close):\n\n" +
        '- create label "phasegate"\n- close issue #7 as not planned\n',
    },
    {
      case: "markdown, partial, with a note",
      report: report([label], { total: 5, complete: false, notes: ["a note"] }),
      options: { markdown: true },
      out:
        "## Phasegate sync: `m1`\n\n**Partial**: 1 of 5 writes made; the next run continues:\n\n" +
        '- create label "phasegate"\n\n### Notes\n\n- a note\n',
    },
  ])("$case", ({ report, options, out }) => {
    expect(renderSyncReport(report, options)).toBe(out);
  });

  it("lists at most 300 writes in markdown and 50 in a finished text sync, and all in a dry run", () => {
    const many = report(Array.from({ length: 320 }, () => label));
    const markdown = renderSyncReport(many, { markdown: true }).split("\n");
    expect(markdown.filter((l) => l.startsWith("- create label"))).toHaveLength(300);
    expect(markdown).toContain("- … and 20 more");
    expect(renderSyncReport(many)).toBe("synced m1: 320 writes\n");
    expect(
      renderSyncReport(many, { dryRun: true })
        .split("\n")
        .filter((l) => l.startsWith("  create")),
    ).toHaveLength(320);
  });
});

describe("renderPartialSync", () => {
  it.each([
    {
      how: { next: "the next run continues" },
      out: "the sync of m1 is partial: 2 of 9 writes made; the next run continues",
    },
    {
      how: { after: "the scan", next: "run sync to finish" },
      out: "the sync of m1 after the scan is partial: 2 of 9 writes made; run sync to finish",
    },
  ])("$out", ({ how, out }) => {
    expect(renderPartialSync(report([label, close], { total: 9, complete: false }), how)).toBe(out);
  });
});
