/** findTarget: what a comment is about, from the issue's marker or the pull request's counted link. */
import { describe, expect, it } from "vitest";
import { dashboardMarker, taskMarker } from "../../../core/projection/markers.js";
import { findTarget, type IssueLike } from "../../../core/use-cases/find-target.js";
import { bigPlanYaml } from "../../helpers/big-plan.js";
import { memoryContext } from "../../helpers/memory/memory-context.js";

// T1 … T3, each assigned to dave, who has no access of his own; mallory reads, bob writes.
const ctx = memoryContext({ ".milestones/big.yaml": bigPlanYaml(3, { assignees: ["dave"] }) });

const issue = (body: string | null): IssueLike => ({ number: 7, body });
const pull = (body: string, login: string): IssueLike => ({ number: 9, body, pull_request: {}, user: { login } });

describe("findTarget", () => {
  it.each([
    { case: "a task issue", on: issue(`Body\n${taskMarker("big", "T2")}`), target: { task: "T2", kind: "task" } },
    { case: "the dashboard", on: issue(dashboardMarker("big")), target: { kind: "dashboard" } },
    { case: "an issue without a marker (not Phasegate's)", on: issue("T2: fix it"), target: undefined },
    { case: "an issue without a body", on: issue(null), target: undefined },
  ])("$case", async ({ on, target }) => {
    const found = await findTarget(ctx, on);
    expect(found).toEqual(target && { milestone: "big", issue: 7, ...target });
  });

  it.each([
    { case: "by a writer", body: "Phasegate-Task: big/T2", login: "bob", refused: undefined },
    {
      case: "by the task's assignee without access",
      body: "Phasegate-Task: big/T2",
      login: "dave",
      refused: undefined,
    },
    { case: "by a reader", body: "Phasegate-Task: big/T2", login: "mallory", refused: "author-not-allowed" },
    { case: "naming a task the plan lacks", body: "Phasegate-Task: big/T9", login: "bob", refused: "no-such-task" },
    {
      case: "naming a milestone with no plan",
      body: "Phasegate-Task: other/T1",
      login: "bob",
      refused: "plan-unreadable",
    },
  ])("a pull request linked $case", async ({ body, login, refused }) => {
    const found = await findTarget(ctx, pull(body, login));
    const task = body.split("/")[1];
    expect(found).toMatchObject({ milestone: body.split(" ")[1]!.split("/")[0], task, issue: 9, kind: "pull" });
    expect(found?.refused?.code).toBe(refused);
    if (refused) expect(found?.refused?.whoCan).toBe("comment on the task's issue instead");
  });

  it.each([
    { case: "names no task", body: "Just a fix." },
    { case: "names it only inside code", body: "```\nPhasegate-Task: big/T2\n```" },
    { case: "names it only in an HTML comment", body: "<!-- Phasegate-Task: big/T2 -->" },
  ])("a pull request that $case is not Phasegate's: no target, nothing said", async ({ body }) => {
    expect(await findTarget(ctx, pull(body, "bob"))).toBeUndefined();
  });

  it("a task marker in a pull request's body does not make it the task's issue", async () => {
    expect(await findTarget(ctx, pull(taskMarker("big", "T2"), "bob"))).toBeUndefined();
  });
});
