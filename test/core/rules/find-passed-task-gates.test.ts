import { describe, expect, it } from "vitest";
import { findPassedTaskGates } from "../../../core/rules/find-passed-task-gates.js";
import { kiroPhases, makePlan, makeTask } from "../../helpers/make-plan.js";

const plan = makePlan([
  makeTask("T1"),
  makeTask("T2", [], { phases: kiroPhases("t2").filter((p) => p.id !== "task") }),
  makeTask("T3", [], { phases: kiroPhases("t3").slice(0, 1) }),
]);

describe("findPassedTaskGates", () => {
  it.each([
    ["the task phase completed", [{ event: "phase_completed", task_id: "T1", phase: "task" }], ["T1"]],
    ["an earlier phase completed", [{ event: "phase_completed", task_id: "T1", phase: "spec" }], []],
    ["an approval alone", [{ event: "phase_approved", task_id: "T1", phase: "task" }], []],
    ["the task's later phase started", [{ event: "phase_started", task_id: "T1", phase: "execute" }], []],
    [
      "no task phase: the one before the last completed",
      [
        {
          event: "phase_completed",
          task_id: "T2",
          phase: kiroPhases("t2")
            .filter((p) => p.id !== "task")
            .at(-2)!.id,
        },
      ],
      ["T2"],
    ],
    ["one phase: started", [{ event: "phase_started", task_id: "T3", phase: "design" }], ["T3"]],
    ["an unknown task", [{ event: "phase_completed", task_id: "T9", phase: "task" }], []],
    [
      "twice in one batch, once",
      [
        { event: "phase_completed", task_id: "T1", phase: "task" },
        { event: "phase_completed", task_id: "T1", phase: "task" },
      ],
      ["T1"],
    ],
  ])("%s", (_, events, expected) => {
    expect(findPassedTaskGates(plan, events)).toEqual(expected);
  });
});
