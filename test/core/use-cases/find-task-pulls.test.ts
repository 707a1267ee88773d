import { describe, expect, it } from "vitest";
import { findTaskPulls } from "../../../core/use-cases/find-task-pulls.js";
import { makePlan, makeTask } from "../../helpers/make-plan.js";
import { memoryContext } from "../../helpers/memory/memory-context.js";

const plan = makePlan([makeTask("T1", [], { paths: ["src/auth/**"] }), makeTask("T2")]);

/** Open pull requests into main: #1 touches T1's paths, #2 names T2, #3 touches nothing of theirs, #4 goes elsewhere. */
function context() {
  const ctx = memoryContext({});
  const pull = (number: number, body: string, files: string[], base = "main") => {
    ctx.tracker.pulls.set(number, {
      number,
      sha: `${number}`.padStart(40, "0"),
      base,
      body,
      author: "bob",
      fork: false,
      state: "open",
    });
    ctx.tracker.pullFiles.set(number, files);
  };
  pull(1, "", ["src/auth/login.ts"]);
  pull(2, "Phasegate-Task: m1/T2", ["lib/x.ts"]);
  pull(3, "", ["README.md"]);
  pull(4, "Phasegate-Task: m1/T2", ["src/auth/a.ts"], "milestone/m1");
  return ctx;
}

describe("findTaskPulls", () => {
  it.each([
    ["a task with paths: the matching ones, each listed", ["T1"], [1], 4],
    ["a task without paths: the linked ones, from the list alone", ["T2"], [2], 1],
    ["both", ["T1", "T2"], [2, 1], 3],
    ["another milestone's task id", ["T9"], [], 1],
  ])("%s", async (_, tasks, numbers, reads) => {
    const ctx = context();
    const found = await findTaskPulls(ctx, plan, tasks, { base: "main", max: 30 });
    expect(found.map((f) => f.pull.number)).toEqual(numbers);
    expect(ctx.tracker.reads).toBe(reads);
  });

  it("looks at no more than `max` pull requests", async () => {
    const ctx = context();
    const found = await findTaskPulls(ctx, plan, ["T1"], { base: "main", max: 2 });
    expect(found).toEqual([]);
    expect(ctx.tracker.reads).toBe(3);
  });
});
