import { describe, expect, it } from "vitest";
import { fold } from "../../../core/events/fold.js";
import { NO_LINKS } from "../../../core/projection/issue-links.js";
import { parseMarker, requestMarker } from "../../../core/projection/markers.js";
import { parseDashboardRequests } from "../../../core/projection/parse-dashboard-requests.js";
import { renderDashboard } from "../../../core/projection/render-dashboard.js";
import { renderMilestoneDescription } from "../../../core/projection/render-milestone-description.js";
import { computeStatusView } from "../../../core/render/status-view.js";
import { makePlan, makeTask } from "../../helpers/make-plan.js";
import { LINKS, scenario } from "./scenario.js";

const NOW = new Date("2026-11-02T00:00:00Z");
const { plan, state, events } = scenario();
const view = computeStatusView(plan, state, NOW);
const dashboard = renderDashboard(plan, view, LINKS, {
  events: state.recent,
  notes: ["sub-issues beyond 100 are not linked"],
});

/** A plan of `n` tasks, each depending on the one before, with long titles. */
function bigPlan(n: number) {
  const tasks = Array.from({ length: n }, (_, i) =>
    makeTask(`T${i + 1}`, i ? [`T${i}`] : [], {
      title: `Task number ${i + 1} `.repeat(12),
      assignees: ["bob", "carol"],
    }),
  );
  const p = makePlan(tasks);
  return { p, v: computeStatusView(p, fold(p, []), NOW) };
}

describe("renderDashboard", () => {
  it("titles the issue and starts with the marker", () => {
    expect(dashboard.title).toBe("Dashboard: Auth v2");
    expect(parseMarker(dashboard.body)).toEqual({ kind: "dashboard", milestone: "auth-v2", dashboard: true });
  });

  it.each([
    ["progress bar", "`████████░░░░░░░░░░░░` **38.3 %** · 1/3 tasks completed"],
    ["status", "**Status:** in progress · branch `milestone/auth-v2`"],
    ["graph", "```mermaid\ngraph LR"],
    // Ids only: a task's title lives in its issue, so renaming a task does not edit the dashboard.
    ["completed node", 'n0["T1"]:::completed'],
    ["phase node", 'n1["T2"]:::phase_spec'],
    ["blocked node", 'n2["T3"]:::blocked'],
    ["edge", "n1 --> n2"],
    ["phase colour", "classDef phase_spec fill:#bfdadc"],
    [
      "task row with link",
      "| #12 | spec | `██░░░░░░░░` 15.0 % | `carol`, `dave` | in progress · on hold · awaits approval |",
    ],
    ["row without issue", "| `T3` Remove sessions | — |"],
    ["waiting row", "waits for #12"],
    ["blocker", "- **task_dependency**: T3 started before T2 completed"],
    ["recent event as words", "T2: spec deliverables validated"],
    ["caller's note", "> sub-issues beyond 100 are not linked"],
    ["scan request", `- [ ] ${requestMarker("scan")} Scan for blockers now`],
    ["resume request", `- [ ] ${requestMarker("resume")} Resume`],
    ["sync request", `- [ ] ${requestMarker("sync")} Sync`],
  ])("shows the %s", (_, text) => {
    expect(dashboard.body).toContain(text);
  });

  it("is deterministic: same inputs, same bytes; no clock of its own", () => {
    const again = scenario();
    const v = computeStatusView(again.plan, again.state, NOW);
    expect(
      renderDashboard(again.plan, v, LINKS, {
        events: again.state.recent,
        notes: ["sub-issues beyond 100 are not linked"],
      }),
    ).toEqual(dashboard);
    expect(events.length).toBeGreaterThan(0);
  });

  it("stays under 65,536 characters with 1,000 tasks and says what it left out", () => {
    const { p, v } = bigPlan(1_000);
    const { body } = renderDashboard(p, v, NO_LINKS);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toMatch(
      /Left out to stay under GitHub's 65,536-character limit: the dependency graph, \d+ of 1000 table rows\./,
    );
    expect(body).toContain("### Requests");
  });

  it.each([
    ["nothing", 100_000, undefined],
    ["recent events", 1_500, "recent events"],
    ["the graph", 1_000, "recent events, the dependency graph"],
    ["rows", 800, "table rows"],
  ])("drops %s first when the limit is %i", (_, maxLength, said) => {
    const { body } = renderDashboard(plan, view, LINKS, { events: state.recent, maxLength });
    expect(body.length).toBeLessThanOrEqual(maxLength);
    if (said) expect(body).toContain(said);
    else expect(body).not.toContain("Left out");
  });
});

describe("parseDashboardRequests", () => {
  const tick = (body: string, request: string) =>
    body.replace(`- [ ] <!-- phasegate:request=${request} -->`, `- [x] <!-- phasegate:request=${request} -->`);

  it.each([
    [[], []],
    [["scan"], ["scan"]],
    [
      ["sync", "resume"],
      ["resume", "sync"],
    ],
  ])("round-trips ticking %j", (ticked, expected) => {
    const body = ticked.reduce(tick, dashboard.body);
    expect(parseDashboardRequests(body)).toEqual(expected);
  });

  it.each([
    ["capital X", `- [X] ${requestMarker("scan")} Scan`, ["scan"]],
    ["fenced", `\`\`\`\n- [x] ${requestMarker("scan")} Scan\n\`\`\``, []],
    ["twice", `- [x] ${requestMarker("sync")}\n- [x] ${requestMarker("sync")}`, ["sync"]],
    ["unknown request", "- [x] <!-- phasegate:request=delete-all --> Delete", []],
  ])("%s", (_, body, expected) => {
    expect(parseDashboardRequests(body)).toEqual(expected);
  });
});

describe("renderMilestoneDescription", () => {
  it.each([
    [
      plan,
      state,
      "<!-- phasegate:milestone=auth-v2 -->\nReplace sessions.\n\nProgress: 38.3% · 1/3 tasks completed · status in_progress\n",
    ],
    [
      makePlan([makeTask("T1")]),
      fold(makePlan([makeTask("T1")]), []),
      "<!-- phasegate:milestone=m1 -->\nProgress: 0.0% · 0/1 tasks completed · status planned\n",
    ],
  ])("renders %#", (p, s, expected) => {
    expect(renderMilestoneDescription(p, s)).toBe(expected);
  });

  it("cuts a huge description to the limit", () => {
    const p = makePlan([makeTask("T1")], { description: "x".repeat(70_000) });
    expect(renderMilestoneDescription(p, fold(p, [])).length).toBeLessThanOrEqual(65_536);
  });
});
