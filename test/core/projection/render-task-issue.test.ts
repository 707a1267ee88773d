import { describe, expect, it } from "vitest";
import { parseMarker } from "../../../core/projection/markers.js";
import { renderTaskIssue } from "../../../core/projection/render-task-issue.js";
import { NO_LINKS } from "../../../core/projection/issue-links.js";
import { makePlan, makeTask } from "../../helpers/make-plan.js";
import { fold } from "../../../core/events/fold.js";
import { LINKS, scenario } from "./scenario.js";

const { plan, state } = scenario();
const render = (id: string, links = LINKS) => {
  const i = plan.tasks.findIndex((t) => t.id === id);
  return renderTaskIssue(plan, plan.tasks[i]!, state.tasks[i]!, state, links);
};

describe("renderTaskIssue", () => {
  it.each([
    ["T1", ["phasegate"], "closed", "completed", ["bob"]],
    ["T2", ["phasegate", "phase: spec", "phasegate: on hold"], "open", undefined, ["carol", "dave"]],
    ["T3", ["phasegate", "phasegate: blocked"], "open", undefined, []],
  ])("%s: labels %j, state %s", (id, labels, issueState, reason, assignees) => {
    const issue = render(id);
    expect(issue.labels).toEqual(labels);
    expect(issue.state).toBe(issueState);
    expect(issue.stateReason).toBe(reason);
    expect(issue.assignees).toEqual(assignees);
    expect(parseMarker(issue.body)).toEqual({ kind: "task", milestone: "auth-v2", task: id });
    expect(issue.body.startsWith("<!-- phasegate:milestone=auth-v2 task=")).toBe(true);
  });

  it("labels a ready task and titles it with its id", () => {
    const p = makePlan([makeTask("AUTH-1", [], { title: "x".repeat(300) })]);
    const s = fold(p, []);
    const issue = renderTaskIssue(p, p.tasks[0]!, s.tasks[0]!, s, NO_LINKS);
    expect(issue.labels).toEqual(["phasegate", "phasegate: ready"]);
    expect(issue.title).toHaveLength(256);
    expect(issue.title).toMatch(/^AUTH-1: x+…$/);
  });

  it.each([
    ["ticks completed phases", "T2", "- [x] **Design** · 15 % · approval required"],
    ["marks the current phase", "T2", "- [ ] **Spec** · 25 % · approval required ← current"],
    [
      "links the active phase's files",
      "T2",
      "[`.kiro/specs/t2/requirements.md`](https://github.com/acme/app/blob/milestone/auth-v2/.kiro/specs/t2/requirements.md)",
    ],
    ["names other files", "T2", "  - [ ] `.kiro/specs/t2/tasks.md` (every task ticked)"],
    ["links dependencies with issues", "T3", "- [ ] #12 (in progress)"],
    ["names dependencies without issues", "T3", "- [x] #11 (completed)"],
    ["escapes the hold reason", "T2", "On hold by `alice`: waiting on &lt;legal&gt;."],
    ["says it waits for approval", "T2", "The spec deliverables are valid and wait for an approval."],
    ["shows the blocker", "T3", "Blocked (task_dependency): T3 started before T2 completed"],
    [
      "links the spec folder",
      "T1",
      "[`.kiro/specs/t1/`](https://github.com/acme/app/tree/milestone/auth-v2/.kiro/specs/t1)",
    ],
    [
      "says who approves",
      "T1",
      "Who may: `alice` (with at least write access). Assignees and the claimant cannot approve their own task.",
    ],
    ["keeps the description", "T1", "Issue short-lived tokens."],
  ])("%s", (_, id, text) => {
    expect(render(id).body).toContain(text);
  });

  it("names dependencies in backticks when they have no issue", () => {
    expect(render("T3", { ...LINKS, issueNumberOf: () => undefined }).body).toContain("- [ ] `T2` (in progress)");
    expect(render("T2", NO_LINKS).body).toContain("  - [ ] `.kiro/specs/t2/requirements.md`");
  });

  it("is deterministic", () => {
    const again = scenario();
    const i = 1;
    expect(renderTaskIssue(again.plan, again.plan.tasks[i]!, again.state.tasks[i]!, again.state, LINKS)).toEqual(
      render("T2"),
    );
  });

  it("stays under 65,536 characters with a huge description and caps assignees at 10", () => {
    const many = Array.from({ length: 12 }, (_, i) => `user${i}`);
    const p = makePlan([makeTask("T1", [], { description: "é".repeat(100_000), assignees: many })]);
    const s = fold(p, []);
    const issue = renderTaskIssue(p, p.tasks[0]!, s.tasks[0]!, s, NO_LINKS);
    expect(issue.body.length).toBeLessThanOrEqual(65_536);
    expect(issue.body).toContain("### Approvals");
    expect(issue.assignees).toHaveLength(10);
  });
});
