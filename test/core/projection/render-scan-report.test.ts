import { describe, expect, it } from "vitest";
import type { LogEvent } from "../../../core/events/event.js";
import {
  renderScanFailure,
  renderScanReport,
  type ScanReportView,
} from "../../../core/projection/render-scan-report.js";

function event(seq: number, name: LogEvent["event"], details: LogEvent["details"]): LogEvent {
  const base = {
    v: 1,
    seq,
    timestamp: "2026-01-01T00:00:00Z",
    milestone_id: "m1",
    session_id: "s1",
    actor: "phasegate",
  };
  return { ...base, event: name, details, prev: "0", hash: "0" } as LogEvent;
}

const failing = { id: "test_failures", type: "test_failures", message: "1 test failed" };
const stuck = { id: "stuck:T2", type: "stuck", message: "T2 has not moved in 3 days" };
const escalated = event(4, "blockers_escalated", { blockers: ["test_failures"] });
const resolved = event(5, "blocker_resolved", { blocker_id: "conflict:9" });
const quiet: ScanReportView = { blockers: [], escalated: [], resolved: [], events: [] };
const found: ScanReportView = {
  blockers: [failing, stuck],
  escalated: ["test_failures"],
  resolved: ["conflict:9"],
  events: [escalated, resolved],
  session: "s1",
};

describe("renderScanReport", () => {
  it.each([
    { case: "text, no blockers", report: quiet, options: {}, out: "No blockers.\n" },
    {
      case: "text, blockers, the new one marked, events listed, how to resume",
      report: found,
      options: {},
      out:
        "Blockers (2):\n  - test_failures: 1 test failed (new: escalated)\n  - stuck: T2 has not moved in 3 days\n" +
        "• escalated: test_failures — milestone blocked\n• blocker resolved: conflict:9\n" +
        "Milestone m1 is blocked; fix the above, then `phasegate resume m1`.\n",
    },
    {
      case: "text, blockers on a milestone that is not blocked (paused)",
      report: { ...quiet, blockers: [stuck] },
      options: { status: "paused" },
      out: "Blockers (1):\n  - stuck: T2 has not moved in 3 days\n",
    },
    {
      case: "markdown, no blockers",
      report: quiet,
      options: { markdown: true, status: "active" },
      out: "## Phasegate scan: `m1`\n\nNo blockers.\n",
    },
    {
      case: "markdown, in the workspace",
      report: found,
      options: { markdown: true, logFile: ".milestones/logs/m1.jsonl" },
      out:
        "## Phasegate scan: `m1`\n\n**2 blockers hold**; the milestone is blocked.\nEscalated now: `test_failures`.\n" +
        "Resolved: `conflict:9`.\n\nThe scan appended to `.milestones/logs/m1.jsonl` and saved `s1` in the workspace. " +
        "Without a token it does not push: commit them in a later step to keep them.\n",
    },
    {
      case: "markdown, on the branch through the API",
      report: { ...found, blockers: [failing], resolved: [], session: undefined },
      options: { markdown: true, logFile: ".milestones/logs/m1.jsonl", branch: "milestone/m1" },
      out:
        "## Phasegate scan: `m1`\n\n**1 blocker holds**; the milestone is blocked.\nEscalated now: `test_failures`.\n\n" +
        "The scan appended to `.milestones/logs/m1.jsonl` on `milestone/m1` through GitHub's API.\n",
    },
  ])("$case", ({ report, options, out }) => {
    expect(renderScanReport(report, { milestone: "m1", status: "blocked", ...options })).toBe(out);
  });
});

describe("renderScanFailure", () => {
  it.each([
    [
      [{ id: "b1", type: "test_failure", message: "npm test failed\nat line 3" }],
      "1 blocker on m1: test_failure: npm test failed",
    ],
    [
      [
        { id: "b1", type: "merge_conflict", message: "#4 conflicts" },
        { id: "b2", type: "stuck_task", message: "T2 waited 3 days" },
      ],
      "2 blockers on m1: merge_conflict: #4 conflicts; stuck_task: T2 waited 3 days",
    ],
  ])("%j", (blockers, out) => {
    expect(renderScanFailure("m1", blockers)).toBe(out);
  });
});
