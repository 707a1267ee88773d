import { describe, expect, it } from "vitest";
import { inferDependencies, parseTaskList } from "../../../core/interop/index.js";

const md = (...lines: string[]) => lines.join("\n") + "\n";
const edges = (text: string) =>
  inferDependencies(parseTaskList(text))
    .map((e) => `${e.task}<-${e.dependsOn}:${e.reason === "phase-order" ? "phase" : "seq"}`)
    .sort();

describe("inferDependencies (Spec Kit, FORMATS §4.4)", () => {
  it("orders tasks without [P] after the task before them, and a [P] run after the sequential task before it", () => {
    expect(
      edges(
        md("## Phase 1: Setup", "- [ ] T001 a", "- [ ] T002 [P] b", "- [ ] T003 [P] c", "- [ ] T004 d", "- [ ] T005 e"),
      ),
    ).toEqual(["T002<-T001:seq", "T003<-T001:seq", "T004<-T002:seq", "T004<-T003:seq", "T005<-T004:seq"]);
  });

  it("makes a phase's entry tasks wait for the previous phase's exit tasks", () => {
    expect(
      edges(
        md(
          "## Phase 1: Setup",
          "- [ ] T001 [P] a",
          "- [ ] T002 [P] b",
          "## Phase 2: Foundational",
          "- [ ] T003 c",
          "- [ ] T004 d",
        ),
      ),
    ).toEqual(["T003<-T001:phase", "T003<-T002:phase", "T004<-T003:seq"]);
  });

  it("lets user-story phases depend on Foundational only, and Polish on every story", () => {
    const text = md(
      "## Phase 2: Foundational",
      "- [ ] T001 base",
      "## Phase 3: User Story 1 - Login (Priority: P1)",
      "- [ ] T002 [US1] login",
      "## Phase 4: User Story 2 - Logout (Priority: P2)",
      "- [ ] T003 [US2] logout",
      "## Phase 5: Polish & Cross-Cutting Concerns",
      "- [ ] T004 docs",
    );
    expect(edges(text)).toEqual(["T002<-T001:phase", "T003<-T001:phase", "T004<-T002:phase", "T004<-T003:phase"]);
  });

  it("leaves out edges the file already writes, and keeps explicit deps on the items", () => {
    const list = parseTaskList(md("## Phase 1: Setup", "- [ ] T001 a", "- [ ] T002 b (depends on T001)"));
    expect(inferDependencies(list)).toEqual([]);
    expect(list.items.find((i) => i.id === "T002")?.dependencies).toEqual(["T001"]);
  });

  it("infers nothing for other flavours", () => {
    expect(
      inferDependencies(
        parseTaskList(md("## Phase 1", "- [ ] 1. a", "- [ ] 2. b"), { path: ".kiro/specs/x/tasks.md" }),
      ),
    ).toEqual([]);
  });
});
