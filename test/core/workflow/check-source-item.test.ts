import { describe, expect, it } from "vitest";
import { checkSourceItem, fingerprintSourceItem } from "../../../core/workflow/check-source-item.js";

const TASKS = `# Implementation Plan

- [ ] 1. Token service
  - [x] 1.1 Sign tokens
  - [ ] 1.2 Verify tokens
  - [ ]* 1.3 Property tests
- [ ] 2. Audit log
- [x] 3. Docs
`;
const path = ".kiro/specs/auth/tasks.md";
const source = (item: string) => ({ file: path, item });

describe("checkSourceItem", () => {
  it.each([
    [
      "an item with an open required sub-item",
      "1",
      /1 of 2 required items under 1 are not done \(first: line 5 "1.2 Verify tokens"\)/,
    ],
    ["an unticked leaf item", "2", /item 2 "Audit log" is not ticked/],
    ["an unknown item", "9", /no item "9"/],
  ])("refuses %s", (_name, item, message) => {
    expect(checkSourceItem(TASKS, path, source(item))).toEqual([expect.stringMatching(message)]);
  });

  it.each([
    ["every required sub-item ticked (optional ones aside)", TASKS.replace("- [ ] 1.2", "- [x] 1.2"), "1"],
    ["a ticked leaf item", TASKS, "3"],
  ])("accepts %s", (_name, text, item) => {
    expect(checkSourceItem(text, path, source(item))).toEqual([]);
  });

  it("asks for a source when the task has none", () => {
    expect(checkSourceItem(TASKS, path, undefined)[0]).toContain("no `source` item");
  });
});

describe("fingerprintSourceItem", () => {
  it("changes with the task's own items only", () => {
    const before = fingerprintSourceItem(TASKS, path, source("1"));
    expect(fingerprintSourceItem(TASKS.replace("- [ ] 2.", "- [x] 2."), path, source("1"))).toBe(before);
    expect(fingerprintSourceItem(TASKS.replace("- [ ] 1.2", "- [x] 1.2"), path, source("1"))).not.toBe(before);
  });
});
