import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTaskList } from "../../../core/interop/index.js";
import { readDependencyProse } from "../../../core/interop/read-dependency-prose.js";
import { FIXTURES } from "./corpus.js";

describe("readDependencyProse", () => {
  it.each([
    ["- T019 depends on T017, T018 (wire pipeline)", ["T019"], ["T017", "T018"]],
    ["- T008 blocks T015", ["T015"], ["T008"]],
    ["Phase 3 depends on Phase 2", ["phase:3"], ["phase:2"]],
    ["- T041 can start after T012", ["T041"], ["T012"]],
    ["T010–T015 before T020", ["T020"], ["T010-T015"]],
    ["Server wiring T029-T030 depends on T028", ["T029-T030"], ["T028"]],
    ["User Story 2 depends on User Story 1", ["story:US2"], ["story:US1"]],
    [
      "- **User Story 3 (P2)**: Can start after Foundational (Phase 2) - May reuse UI from US1",
      ["story:US3"],
      ["phase:2"],
    ],
    ["- `T005` (Models) should be done before `T006` (Services) and `T008-T011`", ["T006", "T008-T011"], ["T005"]],
    ["US2 must wait for US1", ["story:US2"], ["story:US1"]],
  ])("%s", (text, subjects, refs) => {
    expect(readDependencyProse(text, 1)).toEqual({ subjects, refs, line: 1 });
  });

  it.each([
    "Tests before implementation",
    "- Setup (T001-T005) before all other phases",
    "- **User Stories (Phase 3+)**: All depend on Foundational phase completion",
    "- T001 and T002 can run in parallel",
    "- Foundational (Phase 2): Depends on Setup completion - BLOCKS all user stories",
  ])("no edge: %s", (text) => {
    expect(readDependencyProse(text, 1)).toBeUndefined();
  });
});

describe("the labelled fixture spec-kit-dependency-prose.md", () => {
  const list = parseTaskList(readFileSync(join(FIXTURES, "spec-kit-dependency-prose.md"), "utf8"), {
    path: "specs/001-x/tasks.md",
  });
  const deps = (id: string) => list.items.find((i) => i.id === id)!.dependencies;
  it.each([
    ["phase order: Phase 5 depends on Phase 4", "T040", ["T030"]],
    ["after T012 (with the phase order above)", "T041", ["T030", "T012"]],
    ["range before: T010–T011 before T021", "T021", ["T010", "T011"]],
    ["story order: User Story 2 after User Story 1", "T030", ["T020", "T021"]],
    ["nothing written", "T020", []],
  ])("%s", (_, id, expected) => {
    expect(deps(id)).toEqual(expected);
  });
  it("reads no warnings", () => {
    expect(list.warnings).toEqual([]);
  });
});
