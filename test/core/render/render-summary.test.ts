import { describe, expect, it } from "vitest";
import type { Blocker } from "../../../core/index.js";
import { markdownText, renderBlockerList, renderCodeBlock } from "../../../core/render/render-summary.js";

// core/render/render-summary.ts is pure; the dashboard as a whole is checked through the Action's status and scan tests.
describe("markdown helpers of the job summary", () => {
  it.each([
    ["plain", "plain"],
    ["a | b", "a \\| b"],
    ["<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"],
    ["AT&T", "AT&amp;T"],
    ["two\nlines\r\nhere", "two lines here"],
  ])("markdownText(%j) = %j", (text, expected) => {
    expect(markdownText(text)).toBe(expected);
  });

  it.each([
    ["x", "```js\nx\n```"],
    ["a ``` b", "````js\na ``` b\n````"],
    ["`````", "``````js\n`````\n``````"],
  ])("renderCodeBlock(%j) fences past any backticks", (text, expected) => {
    expect(renderCodeBlock(text, "js")).toBe(expected);
  });

  it("lists blockers, marks new ones, and folds multi-line messages into an indented code block", () => {
    const blockers: Blocker[] = [
      {
        id: "test_failures",
        type: "test_failures",
        message: "`npm test` failed; last lines of output:\nFAIL a.test.ts\n<b>",
      },
      { id: "disk_space", type: "disk_space", message: "disk 95 % full" },
    ];
    expect(renderBlockerList([], [])).toBe("None.");
    expect(renderBlockerList(blockers, ["disk_space"])).toBe(
      [
        "- **test_failures**: `npm test` failed; last lines of output:",
        "",
        "  ```text",
        "  FAIL a.test.ts",
        "  <b>",
        "  ```",
        "",
        "- **disk_space** (new): disk 95 % full",
      ].join("\n"),
    );
  });
});
