import { describe, expect, it } from "vitest";
import { parseTaskList, type TaskItem, type TaskList } from "../../../core/interop/index.js";

const md = (...lines: string[]) => lines.join("\n") + "\n";
const byId = (list: TaskList, id: string): TaskItem => {
  const item = list.items.find((i) => i.id === id);
  if (!item) throw new Error(`no item ${id} in ${list.items.map((i) => i.id).join(", ")}`);
  return item;
};
const shape = (list: TaskList) => list.items.map((i) => [i.id, i.parent ?? null]);

describe("states (FORMATS §1.3)", () => {
  it.each<[string, TaskItem["state"]]>([
    [" ", "todo"],
    ["x", "done"],
    ["X", "done"],
    ["-", "in_progress"],
    ["~", "partial"],
  ])("[%s] → %s, raw kept", (raw, state) => {
    const item = byId(parseTaskList(`- [${raw}] 1. Task\n`), "1");
    expect([item.state, item.rawState, item.stateLine]).toEqual([state, raw, 1]);
  });

  it.each([
    ["- [P] tasks = different files, no dependencies", "Spec Kit legend"],
    ["- [Story] label maps task to specific user story", "Spec Kit legend"],
    ["- [link](https://example.com) text", "a link"],
    ["- [ ]not a box without space is still a box", "box"],
  ])("%j is %s", (line, what) => {
    const list = parseTaskList(md(line));
    expect(list.items.length + list.criteria.length).toBe(what === "box" ? 1 : 0);
  });

  it("warns about an unknown state in front of a task id, and does not read the task", () => {
    const list = parseTaskList(md("- [x] 13.3.2: SEC-002", "- [移行済み] 13.3.3: SEC-003 - Windows ACL"));
    expect(list.items.map((i) => i.id)).toEqual(["13.3.2"]);
    expect(list.warnings).toContainEqual(expect.objectContaining({ line: 2, severity: "warning" }));
  });
});

describe("optional markers", () => {
  it.each([
    ["- [ ]* 2.3 Write property test", true],
    ["- [x]* 2.3 Write property test", true],
    ["- [ ] 2.3 Write property test", false],
    ["- [ ] 2.3 Write property test (optional)", true],
    ["- [ ] 2.3 Optional: write property test", true],
    ["- [ ] 2.3 Make the optional flags work", false],
    ["- [ ]\\* 2.3 Escaped star (a formatter touched the file)", true],
    ["- [ ] 2.3 （任意）応答ヘッダ", true],
  ])("%j → optional %s", (line, optional) => {
    expect(byId(parseTaskList(md(line)), "2.3").optional).toBe(optional);
  });
});

describe("hierarchy (FORMATS §6.3)", () => {
  it("takes the parent from the dotted id in flat files", () => {
    const list = parseTaskList(md("- [x] 1. Parent", "- [x] 1.1 Child", "- [ ] 1.1.1 Grandchild", "- [ ] 2. Next"));
    expect(shape(list)).toEqual([
      ["1", null],
      ["1.1", "1"],
      ["1.1.1", "1.1"],
      ["2", null],
    ]);
  });

  it("takes the longest prefix that exists when a level is missing", () => {
    expect(shape(parseTaskList(md("- [ ] 5. Top", "- [ ] 5.2.1 Deep")))).toEqual([
      ["5", null],
      ["5.2.1", "5"],
    ]);
  });

  it("prefers the id over indentation", () => {
    const list = parseTaskList(md("- [ ] 1. One", "- [ ] 2. Two", "  - [ ] 1.1 Indented under 2 but belongs to 1"));
    expect(byId(list, "1.1").parent).toBe("1");
  });

  it("uses indentation for items without a dotted id (CommonMark: indented past the bullet)", () => {
    const list = parseTaskList(md("- [ ] T001 Top", "  - [ ] Sub step", " - [ ] T002 One space is a sibling"));
    expect(shape(list)).toEqual([
      ["T001", null],
      ["#1", "T001"],
      ["T002", null],
    ]);
  });

  it("makes a synthetic parent from a `### 1. Heading` (cc-sdd) and derives its state", () => {
    const list = parseTaskList(md("### 1. Setup", "- [x] 1.1 (P) Init", "- [ ] 1.2 Configure"));
    const parent = byId(list, "1");
    expect([parent.kind, parent.title, parent.line, parent.state, parent.stateLine]).toEqual([
      "synthetic",
      "Setup",
      1,
      "in_progress",
      undefined,
    ]);
    expect(byId(list, "1.2").parent).toBe("1");
  });

  it("notes an orphan sub-id without a heading to stand for its parent (K3)", () => {
    const list = parseTaskList(md("- [ ] 1.1 Orphan"));
    expect(byId(list, "1.1").parent).toBeUndefined();
    expect(list.warnings).toContainEqual({ line: 1, message: 'task "1.1" has no parent item "1"', severity: "info" });
  });

  it("keeps both duplicates, suffixes the second and warns (K1)", () => {
    const list = parseTaskList(
      md("- [x] 11. Fix delete operations", "- [ ] 11. Fix delete operations", "- [ ] 11. Again"),
    );
    expect(list.items.map((i) => [i.id, i.state])).toEqual([
      ["11", "done"],
      ["11~2", "todo"],
      ["11~3", "todo"],
    ]);
    expect(list.warnings.filter((w) => w.severity === "warning").map((w) => w.line)).toEqual([2, 3]);
  });

  it("never renumbers: out-of-order and gapped ids stay as written", () => {
    const list = parseTaskList(md("- [ ] T006 a", "- [ ] T029 b", "- [ ] T008 c", "- [ ] T244 d", "- [ ] T224 e"));
    expect(list.items.map((i) => i.id)).toEqual(["T006", "T029", "T008", "T244", "T224"]);
  });
});

describe("headings: groups, phases and heading tasks", () => {
  it("turns headings into groups with phase indexes", () => {
    const list = parseTaskList(
      md(
        "# Tasks: X",
        "## Phase 1: Setup",
        "- [ ] T001 a",
        "## Phase 2: Foundational",
        "### Tests",
        "- [ ] T002 b",
        "## Dependencies",
      ),
    );
    expect(list.groups.map((g) => [g.title, g.level, g.phase ?? null])).toEqual([
      ["Tasks: X", 1, null],
      ["Phase 1: Setup", 2, 0],
      ["Phase 2: Foundational", 2, 1],
      ["Tests", 3, null],
      ["Dependencies", 2, null],
    ]);
    expect([byId(list, "T001").phase, byId(list, "T002").phase, byId(list, "T002").group]).toEqual([0, 1, "Tests"]);
  });

  it.each<[string, string, string]>([
    ["#### T001: Update Round Struct [P]", "T001", "Update Round Struct"],
    ["### Task 14.1: Title", "14.1", "Title"],
    ["## Task 1: Record from two inputs", "1", "Record from two inputs"],
    ["### ✅ Tarea 1.1: Migración", "1.1", "Migración"],
    ["### タスク0.1: 既存UIトークン抽出", "0.1", "既存UIトークン抽出"],
    ["### タスク1-1: プロジェクト初期設定", "1-1", "プロジェクト初期設定"],
  ])("%j is a heading task %s", (heading, id, title) => {
    const item = byId(parseTaskList(md(heading)), id);
    expect([item.kind, item.title]).toEqual(["heading", title]);
  });

  it("reads a heading task's criteria, fields and derived state", () => {
    const list = parseTaskList(
      md(
        "### ✅ Tarea 2.1: Definir tipos",
        "**Archivo:** `src/types.ts`",
        "",
        "**Criterios:**",
        "- [x] Archivo creado",
        "- [ ] Tipos exportados",
        "",
        "### Tarea 2.2: Next",
      ),
    );
    const task = byId(list, "2.1");
    expect(task.criteria.map((c) => [c.text, c.done, c.line])).toEqual([
      ["Archivo creado", true, 5],
      ["Tipos exportados", false, 6],
    ]);
    expect([task.state, task.rawState, task.stateLine, task.annotations, task.meta["Archivo"]]).toEqual([
      "in_progress",
      "",
      undefined,
      ["✅"],
      "`src/types.ts`",
    ]);
    expect(byId(list, "2.2").state).toBe("todo");
  });

  it("reads a box inside a heading (`### - [x] 1. …`)", () => {
    const item = byId(parseTaskList(md("### - [x] 1. dev3000デバッグ環境のセットアップ")), "1");
    expect([item.kind, item.state, item.stateLine, item.title]).toEqual([
      "heading",
      "done",
      1,
      "dev3000デバッグ環境のセットアップ",
    ]);
  });

  it("reads `**Status**: [ ] Pending` as the heading task's box (spec-workflow)", () => {
    const list = parseTaskList(
      md("### Task 14.1: Title", "**Status**: [-] In progress", "**Acceptance Criteria**:", "- [x] A", "- [ ] B"),
    );
    const task = byId(list, "14.1");
    expect([task.state, task.rawState, task.stateLine, task.criteria.length]).toEqual(["in_progress", "-", 2, 2]);
  });
});

describe("id-less checkboxes (FORMATS §6.3 rule 4)", () => {
  it("are criteria under a checklist heading, including its sub-headings", () => {
    const list = parseTaskList(
      md(
        "- [x] T001 a",
        "## Validation Checklist",
        "### Phase 3.1: Foundation",
        "- [x] All tables created",
        "- [ ] RLS active",
      ),
    );
    expect(list.items.map((i) => i.id)).toEqual(["T001"]);
    expect(list.criteria.map((c) => [c.text, c.group])).toEqual([
      ["All tables created", "Phase 3.1: Foundation"],
      ["RLS active", "Phase 3.1: Foundation"],
    ]);
    expect(list.groups.find((g) => g.title.startsWith("Phase 3.1"))?.phase).toBeUndefined();
  });

  it("are criteria after a criteria label (`**Acceptance**:`) under a heading task", () => {
    const list = parseTaskList(
      md("#### T001: Update struct", "**Acceptance**:", "- [ ] compiles", "", "#### T002: Next"),
    );
    expect(byId(list, "T001").criteria.map((c) => c.text)).toEqual(["compiles"]);
  });

  it("are loose criteria when the file has no ids at all", () => {
    const list = parseTaskList(md("## Phase 1", "- [x] Works", "- [ ] Tested"));
    expect([list.items.length, list.criteria.length]).toEqual([0, 2]);
  });

  it("are tasks with synthetic ids `<group>#<n>` otherwise", () => {
    const list = parseTaskList(
      md("- [ ] T001 a", "### Phase 0: Setup & Analysis [COMPLETED]", "- [x] Review spec", "- [x] Analyze contract"),
    );
    expect(list.items.map((i) => [i.id, i.idWritten])).toEqual([
      ["T001", true],
      ["Phase 0#1", false],
      ["Phase 0#2", false],
    ]);
  });

  it("restate a task under a completion checklist instead of duplicating it", () => {
    const list = parseTaskList(md("- [x] 13.1 Rust E2E", "## 完了基準", "- [x] 13.1: Rust E2Eテスト完了"));
    expect(list.items.map((i) => i.id)).toEqual(["13.1"]);
    expect(list.criteria.map((c) => c.text)).toEqual(["13.1: Rust E2Eテスト完了"]);
  });
});

describe("details under a task", () => {
  it.each<[string, string[]]>([
    ["  - _Requirements: 1.1, 1.2, 1.7_", ["1.1", "1.2", "1.7"]],
    ["  - _Requirements: 1.1-1.7_", ["1.1-1.7"]],
    ["  - Requirements: 1.2", ["1.2"]],
    ["  - **Requirements**: DOCS-REQ-001.1", ["DOCS-REQ-001.1"]],
    [
      "  - _Requirements: Requirement 2 (Comprehensive Error Handling)_",
      ["Requirement 2 (Comprehensive Error Handling)"],
    ],
    ["  - _Requirements: All_", ["All"]],
    ["  - _Requisitos: 3.1, 3.2_", ["3.1", "3.2"]],
    ["  - **Validates: Requirements 1.1, 1.2**", ["1.1", "1.2"]],
    ["  - _Requirements: AC-1.1 ✅, AC-1.2 ✅_", ["AC-1.1", "AC-1.2"]],
    ["  - _Requirements: 1.1_ ✅", ["1.1"]],
  ])("%j → requirements %j", (detail, refs) => {
    expect(byId(parseTaskList(md("- [ ] 1. Task", detail)), "1").requirements).toEqual(refs);
  });

  it("does not read requirement refs inside a `_Prompt:` field", () => {
    const item = byId(
      parseTaskList(md("- [x] 1. T", "  - _Prompt: Role: dev | _Requirements: 1.1 | Success: ok_")),
      "1",
    );
    expect([item.requirements, item.meta["Prompt"]]).toEqual([[], "Role: dev | _Requirements: 1.1 | Success: ok"]);
  });

  it("consumes a multi-line `_Prompt: |` block while it is indented deeper than its bullet", () => {
    const list = parseTaskList(
      md(
        "- [-] 1.1 Add check",
        "  - _Prompt: |",
        "    Role: Go developer",
        "",
        "    Task: - [ ] 9.9 not a task",
        "    _Requirements: 7.7_",
        "  - _Requirements: REQ-3_",
        "- [ ] 1.2 Next",
      ),
    );
    const item = byId(list, "1.1");
    expect(item.meta["Prompt"]).toBe("Role: Go developer\n\nTask: - [ ] 9.9 not a task\n_Requirements: 7.7");
    expect(item.requirements).toEqual(["REQ-3"]);
    expect(list.items.map((i) => i.id)).toEqual(["1.1", "1.2"]);
  });

  it("joins wrapped title lines (K6) and keeps detail bullets as details", () => {
    const item = byId(
      parseTaskList(
        md("- [~] 0.2 **OSS signing** — same treatment for", "        PutObject/GetObject", "  - note one"),
      ),
      "0.2",
    );
    expect([item.title, item.details, item.state]).toEqual([
      "**OSS signing** — same treatment for PutObject/GetObject",
      ["note one"],
      "partial",
    ]);
  });

  it("keeps fields as meta", () => {
    const item = byId(
      parseTaskList(
        md(
          "- [ ] 1. T",
          "  - _Leverage: `models.NewForbiddenError`_",
          "  - _Boundary: AuthService_",
          "  - File: `a.go`",
        ),
      ),
      "1",
    );
    expect(item.meta).toEqual({ Leverage: "`models.NewForbiddenError`", Boundary: "AuthService" });
    expect(item.details).toEqual(["File: `a.go`"]);
  });
});

describe("dependencies (FORMATS §6.4)", () => {
  it.each<[string, string[], string]>([
    ["- [ ] 3. C\n  - _Depends: 1, 2_", ["1", "2"], "cc-sdd _Depends:_"],
    ["- [ ] 3. C\n  - Depends on task 1", ["1"], "prose in a detail"],
    ["- [ ] T003 C (depends on T001, T002)", ["T001", "T002"], "Spec Kit inline"],
    ["- [ ] T003 C (depends on T001-T002)", ["T001", "T002"], "Spec Kit range"],
  ])("%j → %j (%s)", (last, deps) => {
    const text = /T00/.test(last) ? md("- [ ] T001 A", "- [ ] T002 B", last) : md("- [ ] 1. A", "- [ ] 2. B", last);
    expect(byId(parseTaskList(text), /T00/.test(last) ? "T003" : "3").dependencies).toEqual(deps);
  });

  it("expands ranges within the ids that exist (gaps skipped, suffixes kept)", () => {
    const list = parseTaskList(
      md("- [ ] T001 a", "- [ ] T003 b", "- [ ] T003a c", "- [ ] T009 d", "- [ ] T010 e (depends on T001-T009)"),
    );
    expect(byId(list, "T010").dependencies).toEqual(["T001", "T003", "T003a", "T009"]);
  });

  it("expands dotted ranges and drops unknown ids with a warning", () => {
    const list = parseTaskList(
      md("- [ ] 1.1 a", "- [ ] 1.2 b", "- [ ] 1.3 c", "- [ ] 2. d", "  - _Depends: 1.1-1.2, 7.7_"),
    );
    expect(byId(list, "2").dependencies).toEqual(["1.1", "1.2"]);
    expect(list.warnings).toContainEqual(
      expect.objectContaining({ line: 4, message: 'task "2" depends on unknown task "7.7"; dropped' }),
    );
  });

  it("reads `T019 depends on …` and `T008 blocks …` sentences in a Dependencies section", () => {
    const list = parseTaskList(
      md(
        "- [ ] T008 a",
        "- [ ] T009 b",
        "- [ ] T015 c",
        "- [ ] T017 d",
        "- [ ] T019 e",
        "## Dependencies",
        "- T019 depends on T017 (wire after)",
        "T008 blocks T009, T015",
      ),
    );
    expect([byId(list, "T019").dependencies, byId(list, "T009").dependencies, byId(list, "T015").dependencies]).toEqual(
      [["T017"], ["T008"], ["T008"]],
    );
  });

  it("does not read service names as edges", () => {
    expect(
      byId(parseTaskList(md("- [ ] T005 Start worker (separate container, depends on db+redis)")), "T005").dependencies,
    ).toEqual([]);
  });
});

describe("skip records and skipped items (K5, §4.3)", () => {
  it("reads `- [X] SKIP: T039 (…)` as a checked, skipped item for T039", () => {
    const item = byId(
      parseTaskList(md("- [X] SKIP: T039 (Complex structured logging) - console.log sufficient")),
      "T039",
    );
    expect([item.kind, item.state, item.skipped, item.title]).toEqual([
      "skip",
      "done",
      true,
      "Complex structured logging — console.log sufficient",
    ]);
  });

  it.each([
    ["- [x] 4. Fix X (deferred)", true],
    ["- [x] 4. SKIPPED: Fix X", true],
    ["- [x] 4. Fix X（延期）", true],
    ["- [x] 4. Implement skip link for keyboard users", false],
    ["- [ ] 4. Fix X (deferred)", false],
  ])("%j → skipped %s", (line, skipped) => {
    expect(byId(parseTaskList(md(line)), "4").skipped === true).toBe(skipped);
  });
});

describe("fences, comments, front matter and line endings", () => {
  it("skips checkbox lines in fences, HTML comments and YAML front matter", () => {
    const list = parseTaskList(
      md(
        "---",
        'description: "- [ ] T900 not a task"',
        "---",
        "```markdown",
        "- [ ] T901 example",
        "```ts",
        "- [ ] T902 nested example",
        "```",
        "- [ ] T903 still example",
        "```",
        "<!-- - [ ] T904",
        "-->",
        "- [ ] T001 real",
      ),
    );
    expect(list.items.map((i) => [i.id, i.line])).toEqual([["T001", 13]]);
  });

  it("raises an error when an unclosed fence hides checkboxes", () => {
    const list = parseTaskList(md("- [ ] 1. a", "```", "- [ ] 2. hidden"));
    expect(list.warnings).toContainEqual(expect.objectContaining({ line: 2, severity: "error" }));
  });

  it.each<[string, "\n" | "\r\n"]>([
    ["- [ ] 1. a\r\n- [ ] 2. b\r\n", "\r\n"],
    ["- [ ] 1. a\n- [ ] 2. b", "\n"],
    ["", "\n"],
  ])("eol of %j", (text, eol) => {
    const list = parseTaskList(text);
    expect(list.eol).toBe(eol);
    expect(list.items.every((i) => !i.title.endsWith("\r"))).toBe(true);
  });

  it.each<[string, "x" | "X"]>([
    [md("- [x] 1. a", "- [X] 2. b", "- [x] 3. c"), "x"],
    [md("- [X] T001 a", "- [X] T002 b", "- [x] T003 c"), "X"],
    [md("- [ ] 1. a"), "x"],
  ])("doneChar follows the file's majority", (text, doneChar) => {
    expect(parseTaskList(text).doneChar).toBe(doneChar);
  });
});

describe("flavour detection (FORMATS §6.1)", () => {
  it.each<[string, { path?: string; siblings?: string[] }, string]>([
    [md("- [ ] 1. a"), { path: ".kiro/specs/x/tasks.md", siblings: ["spec.json", "tasks.md"] }, "cc-sdd"],
    [md("- [ ] 1. a", "  - _Leverage: x_"), { path: "docs/tasks.md" }, "spec-workflow"],
    [md("- [ ] 1. a"), { path: ".spec-workflow/specs/x/tasks.md" }, "spec-workflow"],
    [md("- [ ] T001 a", "- [ ] T002 b", "- [ ] 1. c"), { path: ".kiro/specs/x/tasks.md" }, "spec-kit"],
    [md("#### T001: a", "- [ ] crit", "#### T002: b", "- [ ] crit"), {}, "spec-kit"],
    [md("- [ ] 1.1 (P) a"), {}, "cc-sdd"],
    [md("- [ ] 1.1 (P) a"), { siblings: ["tasks.md"] }, "kiro"],
    [md("- [ ] a"), { path: ".kiro/specs/x/tasks.md" }, "kiro"],
    [md("- [ ] 2.1 a"), {}, "kiro"],
    [md("- [ ] a", "- [x] b"), {}, "generic"],
  ])("%j %j → %s", (text, hints, flavour) => {
    expect(parseTaskList(text, hints).flavour).toBe(flavour);
  });
});
