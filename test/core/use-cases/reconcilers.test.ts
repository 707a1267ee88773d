/** The sync's reconcilers: pure planners of writes from what GitHub has, and the record of a landed write. */
import { describe, expect, it } from "vitest";
import { dashboardMarker, removalMarker, taskMarker } from "../../../core/projection/markers.js";
import type { Projection, TrackedIssue, TrackedLabel } from "../../../core/projection/projection.js";
import { reconcileLabels } from "../../../core/use-cases/reconcile-labels.js";
import { reconcileLinks } from "../../../core/use-cases/reconcile-links.js";
import { reconcileRemovedIssues } from "../../../core/use-cases/reconcile-removed-issues.js";
import { reconcileSubIssues } from "../../../core/use-cases/reconcile-sub-issues.js";
import { TrackedIssues } from "../../../core/use-cases/tracked-issues.js";
import { makePlan, makeTask } from "../../helpers/make-plan.js";

const label = (name: string, color = "5319e7", description = "managed"): TrackedLabel => ({ name, color, description });

function issue(number: number, body: string, extra: Partial<TrackedIssue> = {}): TrackedIssue {
  return {
    number,
    id: 1000 + number,
    title: `#${number}`,
    body,
    state: "open",
    stateReason: null,
    labels: [],
    assignees: [],
    milestone: 1,
    parent: null,
    blockedByCount: 0,
    pullRequest: false,
    ...extra,
  };
}

const projection = (issues: TrackedIssue[]): Projection => ({ issues, labels: [] });

describe("reconcileLabels", () => {
  it.each([
    { case: "missing", actual: [], writes: ["create-label phasegate"] },
    { case: "same, name in other case, colour in other case", actual: [label("PhaseGate", "5319E7")], writes: [] },
    { case: "other colour", actual: [label("phasegate", "000000")], writes: ["update-label phasegate"] },
    { case: "other description", actual: [label("phasegate", "5319e7", "x")], writes: ["update-label phasegate"] },
  ])("$case → $writes", ({ actual, writes }) => {
    const planned = reconcileLabels.plan([label("phasegate")], actual);
    expect(planned.map((w) => `${w.kind} ${w.kind === "create-label" ? w.label.name : w.name}`)).toEqual(writes);
  });

  it("plans a label named twice once, and recording the writes makes the next plan empty", () => {
    const actual: TrackedLabel[] = [label("ready", "000000")];
    const wanted = [label("phasegate"), label("PHASEGATE"), label("ready", "0e8a16", "managed")];
    const planned = reconcileLabels.plan(wanted, actual);
    expect(planned).toEqual([
      { kind: "create-label", label: label("phasegate") },
      { kind: "update-label", name: "ready", label: label("ready", "0e8a16", "managed") },
    ]);
    expect(actual).toEqual([label("ready", "000000")]); // planning changes nothing
    for (const write of planned) reconcileLabels.apply(write, actual);
    expect(reconcileLabels.plan(wanted, actual)).toEqual([]);
  });
});

describe("TrackedIssues", () => {
  it("finds each task's oldest issue and the dashboard by marker, ignoring pull requests and other milestones", () => {
    const issues = new TrackedIssues(
      projection([
        issue(9, taskMarker("m1", "T1")),
        issue(4, taskMarker("m1", "T1")),
        issue(5, taskMarker("m1", "T2"), { pullRequest: true }),
        issue(6, taskMarker("m2", "T3")),
        issue(7, dashboardMarker("m1")),
        issue(8, "no marker"),
      ]),
      "m1",
    );
    expect([...issues.byTask].map(([task, i]) => [task, i.number])).toEqual([["T1", 4]]);
    expect(issues.dashboard?.number).toBe(7);
    expect(issues.links().issueNumberOf("T1")).toBe(4);
    expect(issues.links().dashboard).toBe(7);
  });
});

describe("reconcileRemovedIssues", () => {
  const plan = makePlan([makeTask("T1")]);
  const tracked = () =>
    new TrackedIssues(
      projection([
        issue(1, taskMarker("m1", "T1")),
        issue(2, taskMarker("m1", "T2")),
        issue(3, taskMarker("m1", "T3"), { state: "closed" }),
      ]),
      "m1",
    );

  it("finds the open issues of tasks the plan lost", () => {
    expect(reconcileRemovedIssues.find(plan, tracked().byTask).map(([task]) => task)).toEqual(["T2"]);
  });

  it.each([
    { case: "no note yet", comments: [], kinds: ["create-comment", "update-issue"] },
    {
      case: "the note is there (a retry)",
      comments: [{ id: 1, author: "bot", body: `${removalMarker("m1", "T2")}\nclosed` }],
      kinds: ["update-issue"],
    },
  ])("$case → $kinds, and the issue is closed as not planned", ({ comments, kinds }) => {
    const [[taskId, found]] = reconcileRemovedIssues.find(plan, tracked().byTask) as [[string, TrackedIssue]];
    const writes = reconcileRemovedIssues.plan(plan, taskId, found, comments);
    expect(writes.map((w) => w.kind)).toEqual(kinds);
    for (const write of writes) reconcileRemovedIssues.apply(write, found);
    expect([found.state, found.stateReason]).toEqual(["closed", "not_planned"]);
  });
});

describe("reconcileSubIssues", () => {
  const tasks = Array.from({ length: 102 }, (_, i) => makeTask(`T${i + 1}`));
  const world = (dashboard: boolean, parentOf2: number | null) =>
    new TrackedIssues(
      projection([
        ...tasks.map((t, i) => issue(i + 1, taskMarker("m1", t.id), i === 1 ? { parent: parentOf2 } : {})),
        ...(dashboard ? [issue(500, dashboardMarker("m1"))] : []),
      ]),
      "m1",
    );

  it("links the first 100 task issues without a parent under the dashboard; a parent set by hand stays", () => {
    const issues = world(true, 77);
    const writes = reconcileSubIssues.plan(tasks, issues);
    expect(writes).toHaveLength(99);
    expect(writes[0]).toEqual({ kind: "add-sub-issue", parent: 500, child: { number: 1, id: 1001 } });
    expect(writes.some((w) => w.child.number === 2 || w.child.number > 100)).toBe(false);
    for (const write of writes) reconcileSubIssues.apply(write, issues);
    expect(issues.byTask.get("T1")?.parent).toBe(500);
    expect(issues.byTask.get("T2")?.parent).toBe(77);
    expect(reconcileSubIssues.plan(tasks, issues)).toEqual([]);
  });

  it("plans nothing before the dashboard exists", () => {
    expect(reconcileSubIssues.plan(tasks, world(false, null))).toEqual([]);
  });
});

describe("reconcileLinks", () => {
  const deps = Array.from({ length: 52 }, (_, i) => `D${i + 1}`);
  const plan = makePlan([...deps.map((d) => makeTask(d)), makeTask("T", deps)]);
  const task = plan.tasks.at(-1)!;
  const world = (blockedByCount: number) =>
    new TrackedIssues(
      projection([
        ...deps.map((d, i) => issue(i + 1, taskMarker("m1", d))),
        issue(100, taskMarker("m1", "T"), { blockedByCount }),
      ]),
      "m1",
    );

  it("links the first 50 dependencies, skipping the present ones, and counts each landed link", () => {
    const issues = world(2);
    const found = reconcileLinks.find(task, issues)!;
    expect(found.blockers).toHaveLength(50);
    const writes = reconcileLinks.plan(found.issue, found.blockers, new Set([1, 2]));
    expect(writes).toHaveLength(48);
    expect(writes[0]).toEqual({ kind: "add-blocked-by", issue: 100, blocker: { number: 3, id: 1003 } });
    for (const write of writes) reconcileLinks.apply(write, found.issue);
    expect(reconcileLinks.find(task, issues)).toBeUndefined();
  });

  it.each([
    { case: "a task without dependencies", id: "D1", count: 0 },
    { case: "an issue whose count of links already covers its dependencies", id: "T", count: 50 },
  ])("finds nothing to read or link for $case", ({ id, count }) => {
    expect(
      reconcileLinks.find(
        plan.tasks.find((t) => t.id === id)!,
        world(count),
      ),
    ).toBeUndefined();
  });
});
