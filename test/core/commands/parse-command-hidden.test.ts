import { describe, expect, it } from "vitest";
import { parseCommands } from "../../../core/commands/parse-command.js";
import { parsePullRequestLink } from "../../../core/projection/parse-pull-request-link.js";

/**
 * Security round 3, item 2: a command counts only where GitHub shows it as paragraph text. Each
 * body hides `/approve` (or `/reject`) from a reader; none may run.
 */
const HIDDEN: [string, string][] = [
  ["an HTML comment", "Looks fine.\n<!--\n/approve\n-->"],
  ["a one-line HTML comment", "<!-- /approve -->"],
  ["an inline comment spanning lines", "Looks fine <!--\n/approve\n--> to me."],
  ["a <pre> block", "<pre>\n/approve\n</pre>"],
  ["an indented <pre> block", "  <PRE class=x>\n/approve\n</PRE>"],
  ["inline <pre> in a paragraph", "See <pre>\n/approve\n</pre>"],
  ["an unclosed inline <pre>", "See <pre>\n/approve"],
  ["a <details> block", "<details>\n\n/approve\n\n</details>"],
  ["a <details> with a summary", "<details><summary>Notes</summary>\n\n/approve\n\n</details>"],
  ["nested <details>", "<details>\n<details>\n\n</details>\n\n/approve\n\n</details>"],
  ["a <details open>", "<details open>\n\n/approve\n\n</details>"],
  ["a <div> HTML block", "<div>\n/approve\n</div>"],
  ["a lone tag HTML block", "<span>\n/approve"],
  ["a <script> block", "<script>\n\n/approve\n\n</script>"],
  ["a <textarea> block", "<textarea>\n\n/approve\n</textarea>"],
  ["a processing instruction", "<?x\n/approve\n?>"],
  ["a declaration", "<!X\n/approve\n>"],
  ["CDATA", "<![CDATA[\n/approve\n]]>"],
  ["a code span across lines", "Run ``x\n/approve\n`` later"],
  ["a lazy quote continuation", "> As you said\n/approve"],
  ["a setext heading", "/approve\n========"],
  ["a setext heading with dashes", "/approve\n---"],
  ["an ATX heading", "# /approve"],
  ["a table row", "| a | b |\n| - | - |\n/approve"],
  ["a tab-indented code block", "\t/approve"],
  ["a comment hiding the start of the line", "<!-- x -->/approve"],
  ["a tag hiding the start of the line", "<b></b>/approve"],
];

describe("commands a reader cannot see do not run", () => {
  it.each(HIDDEN)("%s", (_, body) => {
    expect(parseCommands(body)).toEqual([]);
    expect(parseCommands(body.replace("/approve", "/reject no"))).toEqual([]);
  });

  it.each([
    ["after a closed comment", "<!-- note -->\n\n/approve", { verb: "approve" }],
    ["after a closed <details>", "<details>\n\nx\n\n</details>\n\n/approve", { verb: "approve" }],
    ["after a <pre> block", "<pre>\nx\n</pre>\n/approve", { verb: "approve" }],
    ["after a quote and a blank line", "> quoted\n\n/approve", { verb: "approve" }],
    ["after a table and a blank line", "| a |\n| - |\n| 1 |\n\n/approve", { verb: "approve" }],
    ["continuing a paragraph", "Looks good\n/approve", { verb: "approve" }],
    ["with a hidden argument", "/approve <!-- T2 -->", { verb: "approve" }],
    [
      "a reject reason without the hidden part",
      "/reject too vague <!-- secret -->",
      { verb: "reject", reason: "too vague" },
    ],
    ["a literal <!-- never closed", "a <!--\n/approve", { verb: "approve" }],
  ])("a visible command still runs: %s", (_, body, expected) => {
    expect(parseCommands(body).map(({ line: _l, lineNumber: _n, ...rest }) => rest)).toEqual([expected]);
  });

  it("a /reject reason stops at hidden text", () => {
    const [cmd] = parseCommands("/reject vague\nmore words\n<!--\nsecret\n-->");
    expect(cmd).toMatchObject({ verb: "reject", reason: "vague\nmore words" });
  });
});

describe("pull request links a reader cannot see do not count", () => {
  it.each(HIDDEN.filter(([name]) => !/heading|table|start of the line/.test(name)))("%s", (_, body) => {
    expect(parsePullRequestLink(body.replace("/approve", "Phasegate-Task: m1/T1"))).toEqual({ closes: [] });
    expect(parsePullRequestLink(body.replace("/approve", "Closes #12"))).toEqual({ closes: [] });
  });

  it("a visible trailer and closing keyword count", () => {
    expect(parsePullRequestLink("Adds the design.\n\nPhasegate-Task: m1/T1\nCloses #12")).toEqual({
      task: { milestone: "m1", task: "T1" },
      closes: [12],
    });
  });
});

describe("reading stays linear", () => {
  it.each([
    ["opening comments", "a <!--".repeat(20_000)],
    ["backtick runs", "`a``b".repeat(20_000)],
    ["unclosed tags", "a <pre ".repeat(20_000)],
    ["details tags", "<details ".repeat(20_000)],
  ])("a 120 kB body of %s parses in linear time (a quadratic reading takes far longer)", (_, body) => {
    const started = performance.now();
    parseCommands(`${body}\n/approve`);
    parsePullRequestLink(body);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
