import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkRequirementsCovered } from "../../../core/workflow/check-requirements-covered.js";

const file = (path: string, fixture = path) => ({
  path,
  text: readFileSync(new URL(`../../fixtures/interop/${fixture}`, import.meta.url), "utf8"),
});
const tasks = file("s/tasks.md", "trace-kiro/tasks.md");
const requirements = file("s/requirements.md", "trace-kiro/requirements.md");
const covering = { path: "s/tasks.md", text: tasks.text + "- [ ] 3. Audit\n  - _Requirements: 3.1_\n" };

describe("requirements_covered", () => {
  it.each([
    [
      "tasks.md with one requirement uncovered",
      tasks,
      [requirements],
      ["s/tasks.md: 1 of 3 requirements are referenced by no task: 3"],
    ],
    [
      "requirements.md as the deliverable",
      requirements,
      [tasks],
      ["s/tasks.md: 1 of 3 requirements are referenced by no task: 3"],
    ],
    ["every requirement covered", covering, [requirements], []],
    ["no tasks.md beside it", requirements, [], ["s/requirements.md: requirements_covered needs a tasks.md beside it"]],
    [
      "no requirement document",
      tasks,
      [],
      ["s/tasks.md: requirements_covered needs a requirements.md or spec.md beside it"],
    ],
  ])("%s", (_name, deliverable, companions, problems) => {
    expect(checkRequirementsCovered(deliverable, companions).problems).toEqual(problems);
  });

  it("reports unknown references as notes at their line, not as problems", () => {
    const result = checkRequirementsCovered(covering, [requirements]);
    expect(result.notes).toEqual(['s/tasks.md:12: unknown requirement reference "4.1" in task 2']);
  });
});
