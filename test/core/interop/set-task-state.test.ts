import { describe, expect, it } from "vitest";
import { setTaskState, TaskLineError, type TaskItemState } from "../../../core/interop/index.js";

describe("setTaskState: only the state character changes (FORMATS §6.6)", () => {
  it.each<[string, string, number, TaskItemState, string]>([
    ["todo → done", "- [ ] 1. a\n", 1, "done", "- [x] 1. a\n"],
    ["done → todo", "- [x] 1. a\n", 1, "todo", "- [ ] 1. a\n"],
    ["todo → in progress", "- [ ] 1. a\n", 1, "in_progress", "- [-] 1. a\n"],
    ["in progress → partial", "- [-] 1. a\n", 1, "partial", "- [~] 1. a\n"],
    ["optional star kept", "- [ ]* 2.3 Write test\n", 1, "done", "- [x]* 2.3 Write test\n"],
    ["trailing spaces kept", "- [ ] 1. a   \n", 1, "done", "- [x] 1. a   \n"],
    ["CRLF kept", "- [ ] 1. a\r\n- [ ] 2. b\r\n", 2, "done", "- [ ] 1. a\r\n- [x] 2. b\r\n"],
    ["no final newline kept", "- [ ] 1. a\n- [ ] 2. b", 2, "done", "- [ ] 1. a\n- [x] 2. b"],
    ["indented, tab and ordered bullets", "\t1. [ ] a\n", 1, "done", "\t1. [x] a\n"],
    [
      "uppercase file writes X",
      "- [X] T001 a\n- [X] T002 b\n- [ ] T003 c\n",
      3,
      "done",
      "- [X] T001 a\n- [X] T002 b\n- [X] T003 c\n",
    ],
    [
      "mixed file, lowercase majority writes x",
      "- [x] a\n- [X] b\n- [x] c\n- [ ] d\n",
      4,
      "done",
      "- [x] a\n- [X] b\n- [x] c\n- [x] d\n",
    ],
    ["already done keeps its own case", "- [x] a\n- [x] b\n- [X] c\n", 3, "done", "- [x] a\n- [x] b\n- [X] c\n"],
    ["heading box", "### - [ ] 1. Heading task\n", 1, "done", "### - [x] 1. Heading task\n"],
    [
      "status field",
      "### Task 1.1: t\n**Status**: [ ] Pending\n",
      2,
      "in_progress",
      "### Task 1.1: t\n**Status**: [-] Pending\n",
    ],
    ["bulleted status field", "- **Status:** [ ] pending\n", 1, "done", "- **Status:** [x] pending\n"],
    [
      "title with brackets untouched",
      "- [ ] 1. Handle [ ] and [x] in text\n",
      1,
      "done",
      "- [x] 1. Handle [ ] and [x] in text\n",
    ],
    ["same state is a no-op", "- [~] 1. a\n", 1, "partial", "- [~] 1. a\n"],
  ])("%s", (_name, text, line, state, expected) => {
    expect(setTaskState(text, line, state)).toBe(expected);
  });

  it.each<[string, string, number, RegExp]>([
    ["a prose line", "# Title\nSome text\n", 2, /line 2: not a checkbox item/],
    ["a legend line", "- [P] tasks = different files\n", 1, /not a checkbox item/],
    ["a line inside a fence", "```\n- [ ] 1. example\n```\n", 2, /inside a fenced code block/],
    ["a line inside front matter", "---\nx: - [ ] 1. a\n---\n", 2, /front matter/],
    ["a line past the end", "- [ ] 1. a\n", 5, /only 2 lines/],
    ["line 0", "- [ ] 1. a\n", 0, /start at 1/],
  ])("refuses %s", (_name, text, line, message) => {
    expect(() => setTaskState(text, line, "done")).toThrow(TaskLineError);
    expect(() => setTaskState(text, line, "done")).toThrow(message);
  });
});
