import { describe, expect, it } from "vitest";
import { parseRequirements } from "../../../core/interop/index.js";

const md = (...lines: string[]) => lines.join("\n") + "\n";
const summary = (text: string) =>
  parseRequirements(text).requirements.map((r) => [r.id, r.title, r.criteria.map((c) => c.id)]);

describe("parseRequirements: requirement headings", () => {
  it.each<[string, string, string]>([
    ["### Requirement 1", "1", ""],
    ["### Requirement 3: Secure login", "3", "Secure login"],
    ["### Requirement 2b — ログ出力の手段", "2b", "ログ出力の手段"],
    ["### Requisito 4: Sincronización", "4", "Sincronización"],
    ["### 要件1: 地図表示", "1", "地図表示"],
    ["### REQ-3: Visibility check", "REQ-3", "Visibility check"],
    ["### STT-REQ-001: Real Audio Device Management", "STT-REQ-001", "Real Audio Device Management"],
    ["### STT-REQ-SEC-001: IPC JSON Message Validation", "STT-REQ-SEC-001", "IPC JSON Message Validation"],
  ])("%j", (heading, id, title) => {
    expect(summary(md(heading, "#### Acceptance Criteria", "1. WHEN x THEN y SHALL z"))[0]?.slice(0, 2)).toEqual([
      id,
      title,
    ]);
  });

  it.each(["## Requirements", "## Non-Functional Requirements", "### Requirements Traceability Matrix"])(
    "%j is not a requirement",
    (heading) => {
      expect(summary(md(heading, "1. something"))).toEqual([]);
    },
  );
});

describe("parseRequirements: acceptance criteria", () => {
  it.each([
    "#### Acceptance Criteria",
    "#### Acceptance Criteria — Requirement 1",
    "#### Criterios de Aceptación",
    "#### 受け入れ条件",
    "#### 受入基準",
    "**Acceptance Criteria:**",
  ])("under %j", (label) => {
    expect(
      summary(
        md("### Requirement 1: T", "**User Story:** As a user…", "", label, "", "1. WHEN a THEN b", "2. IF c THEN d"),
      ),
    ).toEqual([["1", "T", ["1.1", "1.2"]]]);
  });

  it("takes written criterion ids (`1.1 WHEN …`, `**STT-REQ-001.1**:`) and skips nested lists", () => {
    expect(summary(md("### Requirement 1: T", "#### Acceptance Criteria", "1.1 WHEN a", "", "1.2 WHERE b"))).toEqual([
      ["1", "T", ["1.1", "1.2"]],
    ]);
    expect(
      summary(
        md(
          "### STT-REQ-002: T",
          "#### Acceptance Criteria",
          "1. **STT-REQ-002.1**: WHEN a",
          "   1. nested",
          "   2. nested",
          "2. **STT-REQ-002.2**: WHEN b",
        ),
      ),
    ).toEqual([["STT-REQ-002", "T", ["STT-REQ-002.1", "STT-REQ-002.2"]]]);
  });

  it("stops the criteria at the next heading of the same level, and ignores fenced examples", () => {
    const text = md(
      "### Requirement 1",
      "#### Acceptance Criteria",
      "1. a",
      "#### Design impact",
      "1. not a criterion",
      "```",
      "### Requirement 9",
      "```",
      "### Requirement 2",
      "#### Acceptance Criteria",
      "1. b",
    );
    expect(summary(text)).toEqual([
      ["1", "", ["1.1"]],
      ["2", "", ["2.1"]],
    ]);
  });

  it("falls back to the numbered list directly under a requirement without a criteria heading", () => {
    expect(summary(md("### Requirement 1: T", "1. WHEN a THEN b"))).toEqual([["1", "T", ["1.1"]]]);
  });

  it("reports a requirement with no criteria as an empty list", () => {
    expect(
      summary(md("### Requirement 1: T", "Prose only.", "### Requirement 2: U", "#### Acceptance Criteria", "1. x")),
    ).toEqual([
      ["1", "T", []],
      ["2", "U", ["2.1"]],
    ]);
  });

  it("keeps the user story and line numbers", () => {
    const [req] = parseRequirements(
      md(
        "# Requirements",
        "### Requirement 1",
        "**User Story:** As a user, I want X",
        "#### Acceptance Criteria",
        "1. WHEN a",
      ),
    ).requirements;
    expect([req?.line, req?.userStory, req?.criteria[0]?.line, req?.criteria[0]?.text]).toEqual([
      2,
      "As a user, I want X",
      5,
      "WHEN a",
    ]);
  });
});
