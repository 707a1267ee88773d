import { describe, expect, it } from "vitest";
import { readItemText, splitList, type ItemText } from "../../../core/interop/read-item-text.js";

describe("readItemText: ids (FORMATS §6.2 KIRO_ID, SK_ID, and the foreign ids of cc-sdd and tasker)", () => {
  it.each<[string, string | undefined, ItemText["idStyle"], string]>([
    ["1. Set up API integration", "1", "numeric", "Set up API integration"],
    ["2.1 Create color tokens", "2.1", "numeric", "Create color tokens"],
    ["2.1. Trailing dot", "2.1", "numeric", "Trailing dot"],
    ["5.2.1 Third level", "5.2.1", "numeric", "Third level"],
    ["10.2a Inserted later", "10.2a", "numeric", "Inserted later"],
    ["13.1.1: Task 10.1 - VAD→STT", "13.1.1", "numeric", "Task 10.1 - VAD→STT"],
    ["0. **Spike: pin the vendor facts**", "0", "numeric", "Spike: pin the vendor facts"],
    ["300. Restarted numbering", "300", "numeric", "Restarted numbering"],
    ["Task 1.2: Colon form", "1.2", "numeric", "Colon form"],
    ["**3.** Bold id", "3", "numeric", "Bold id"],
    ["T001 Create project structure", "T001", "spec-kit", "Create project structure"],
    ["**T010** Bold Spec Kit id", "T010", "spec-kit", "Bold Spec Kit id"],
    ["T047a Inserted later", "T047a", "spec-kit", "Inserted later"],
    ["T027A Upper suffix", "T027A", "spec-kit", "Upper suffix"],
    ["T038-MIN Minimal variant", "T038-MIN", "spec-kit", "Minimal variant"],
    ["**M01-T01** — Add routes", "M01-T01", "foreign", "Add routes"],
    ["SEC-004: cargo-audit", "SEC-004", "foreign", "cargo-audit"],
    ["P13-PREP-001: Python API", "P13-PREP-001", "foreign", "Python API"],
    // A bare number without its dot is a title, not an id: criteria like "4 cards con iconos".
    ["4 cards con iconos correctos", undefined, undefined, "4 cards con iconos correctos"],
    ["1.5x faster startup", undefined, undefined, "1.5x faster startup"],
    ["**Phase 1**: 基盤整備", undefined, undefined, "**Phase 1**: 基盤整備"],
    ["Task 10.4完遂: 本番再接続", undefined, undefined, "Task 10.4完遂: 本番再接続"],
    ["{{NUMBER}}. {{TASK_DESCRIPTION}}", undefined, undefined, "{{NUMBER}}. {{TASK_DESCRIPTION}}"],
  ])("%j → id %j", (rest, id, style, title) => {
    const text = readItemText(rest);
    expect(text.id).toBe(id);
    expect(text.idStyle).toBe(style);
    expect(text.title).toBe(title);
  });
});

describe("readItemText: markers", () => {
  it.each<[string, Partial<ItemText>]>([
    ["T002 [P] Initialize project", { parallel: true, title: "Initialize project" }],
    ["1.1 (P) SQLAlchemyモデルの定義", { parallel: true, title: "SQLAlchemyモデルの定義" }],
    ["1.2 Build parser (P)", { parallel: true, title: "Build parser" }],
    ["T012 [P] [US1] Contract test", { parallel: true, story: "US1", title: "Contract test" }],
    ["T024 [US1/2] Route config", { story: "US1/2", title: "Route config" }],
    ["T010 Create RLS policies (depends on T001-T009)", { dependsOn: ["T001-T009"], title: "Create RLS policies" }],
    ["T035 Register endpoint (depends on T013, T019)", { dependsOn: ["T013", "T019"], title: "Register endpoint" }],
    ["Optional: add tracing", { optional: true }],
    ["5. Update docs (optional)", { optional: true, title: "Update docs (optional)" }],
    ["7. （任意）応答ヘッダ", { optional: true }],
    ["11. Update rubric content ✅ COMPLETED", { title: "Update rubric content", annotations: ["✅ COMPLETED"] }],
    ["2.2 ID属性設定(完了)", { title: "ID属性設定", annotations: ["完了"] }],
    ["13.2.2: メモリリーク検証（✅ 合格）", { title: "メモリリーク検証", annotations: ["✅ 合格"] }],
    [
      "13.3.4: SEC-004 - audit（✅ 完了、16件warning（脆弱性0件））",
      { title: "SEC-004 - audit", annotations: ["✅ 完了、16件warning（脆弱性0件）"] },
    ],
    [
      "Task 10.5: E2E（6h） → meeting-minutes-ci specで管理",
      { title: "E2E（6h）", annotations: ["→ meeting-minutes-ci specで管理"] },
    ],
    ["4. Fix delete operations (deferred)", { title: "Fix delete operations", annotations: ["deferred"] }],
    [
      "0.2 Signing form — CONFIRMED; final signature OPEN",
      { title: "Signing form", annotations: ["CONFIRMED; final signature OPEN"] },
    ],
    // Prose that only looks like a status note stays in the title.
    [
      "18.1 Test the flow (report → reassign → confirm)",
      { title: "Test the flow (report → reassign → confirm)", annotations: [] },
    ],
    ["3. Migrate Open → Snapshot", { title: "Migrate Open → Snapshot", annotations: [] }],
  ])("%j", (rest, expected) => {
    expect(readItemText(rest)).toMatchObject(expected);
  });

  it.each<[string, string, string]>([
    [
      "SKIP: T039 (Complex structured logging) - console.log sufficient",
      "T039",
      "Complex structured logging — console.log sufficient",
    ],
    ["SKIP: T050 (Full scenario testing)", "T050", "Full scenario testing"],
  ])("skip record %j stands for %s", (rest, skipOf, title) => {
    const text = readItemText(rest);
    expect(text.skipOf).toBe(skipOf);
    expect(text.id).toBeUndefined();
    expect(text.title).toBe(title);
  });
});

describe("splitList", () => {
  it.each<[string, string[]]>([
    ["1.1, 1.2, 1.3", ["1.1", "1.2", "1.3"]],
    ["1.1-1.7", ["1.1-1.7"]],
    ["AC-1.1 ✅, AC-1.2 ✅", ["AC-1.1", "AC-1.2"]],
    ["REQ-3、REQ-4", ["REQ-3", "REQ-4"]],
    ["T017, T018 and T020", ["T017", "T018", "T020"]],
    ["", []],
  ])("%j", (list, tokens) => {
    expect(splitList(list)).toEqual(tokens);
  });
});
