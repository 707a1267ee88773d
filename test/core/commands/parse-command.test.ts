import { describe, expect, it } from "vitest";
import { parseCommands } from "../../../core/commands/parse-command.js";

/** The commands without their position, for compact tables. */
const verbs = (body: string, taskIds?: string[]) =>
  parseCommands(body, taskIds ? { taskIds } : {}).map(({ line: _l, lineNumber: _n, ...rest }) => rest);

describe("parseCommands", () => {
  it.each([
    ["/approve", [{ verb: "approve" }]],
    ["/APPROVE Spec", [{ verb: "approve", phase: "spec" }]],
    ["/approve T2", [{ verb: "approve", task: "T2" }]],
    ["/approve AUTH-3 design", [{ verb: "approve", task: "AUTH-3", phase: "design" }]],
    ["/approve cancel", [{ verb: "cancel-approval" }]],
    ["/approve cancel T2", [{ verb: "cancel-approval", task: "T2" }]],
    ["/reject too vague", [{ verb: "reject", reason: "too vague" }]],
    [
      "/reject\nThe design misses\nthe rollback.\n\nThanks!",
      [{ verb: "reject", reason: "The design misses\nthe rollback." }],
    ],
    ["/reject first\n/hold", [{ verb: "reject", reason: "first" }, { verb: "hold" }]],
    ["/hold legal review", [{ verb: "hold", reason: "legal review" }]],
    ["/unhold", [{ verb: "unhold" }]],
    ["/claim", [{ verb: "claim" }]],
    ["/claim 4H", [{ verb: "claim", ttl: "4h", ttlMs: 14_400_000 }]],
    ["/claim 1h30m", [{ verb: "claim", ttl: "1h30m", ttlMs: 5_400_000 }]],
    ["/release", [{ verb: "release" }]],
    ["/activate", [{ verb: "activate" }]],
    ["/pause", [{ verb: "pause" }]],
    ["/pause for the release", [{ verb: "pause", reason: "for the release" }]],
    ["/resume please", [{ verb: "resume" }]],
    ["/status", [{ verb: "status" }]],
    ["/help", [{ verb: "help" }]],
    ["/scan", [{ verb: "scan" }]],
    ["/sync", [{ verb: "sync" }]],
    ["/lgtm", [{ verb: "unknown", command: "lgtm" }]],
    ["   /approve", [{ verb: "approve" }]],
    ["LGTM\r\n/approve\r\n", [{ verb: "approve" }]],
  ])("%j", (body, expected) => {
    expect(verbs(body)).toEqual(expected);
  });

  it.each([
    ["mid-line", "please /approve this"],
    ["quoted", "> /approve"],
    ["quoted after spaces", "  > /approve"],
    ["fenced", "```\n/approve\n```"],
    ["tilde fence", "~~~\n/approve\n~~~"],
    ["unclosed fence", "```sh\n/approve"],
    ["indented code", "    /approve"],
    ["a path", "/usr/bin/env node"],
    ["a verb glued to text", "/approve:"],
    ["inline code", "`/approve`"],
  ])("ignores %s", (_, body) => {
    expect(parseCommands(body)).toEqual([]);
  });

  it.each([
    ["/reject", "reject", /reason is required/],
    ["/reject\n\nlater text", "reject", /reason is required/],
    ["/claim forever", "claim", /not a duration/],
    ["/claim 0h", "claim", /not a duration/],
    ["/approve a b c", "approve", /at most a task and a phase/],
    ["/approve T1 Déploy", "approve", /not a phase/],
  ])("%j is invalid", (body, command, problem) => {
    const [parsed] = parseCommands(body);
    expect(parsed).toMatchObject({ verb: "invalid", command });
    expect(parsed && "problem" in parsed ? parsed.problem : "").toMatch(problem);
  });

  it.each([
    ["/approve spec", ["spec", "T1"], { verb: "approve", task: "spec" }],
    ["/approve t1", ["T1"], { verb: "approve", task: "T1" }],
    ["/approve design", ["T1"], { verb: "approve", phase: "design" }],
  ])("resolves %j against the plan's task ids %j", (body, taskIds, expected) => {
    expect(verbs(body, taskIds)).toEqual([expected]);
  });

  it("keeps the line and its number for the reply", () => {
    expect(parseCommands("Looks good.\n\n  /approve spec  ")).toEqual([
      { verb: "approve", phase: "spec", line: "/approve spec", lineNumber: 3 },
    ]);
  });

  it("stops a reason at a fence or a quote", () => {
    expect(verbs("/reject bad\nsee:\n```\ncode\n```")).toEqual([{ verb: "reject", reason: "bad\nsee:" }]);
    expect(verbs("/reject bad\n> quoted")).toEqual([{ verb: "reject", reason: "bad" }]);
  });
});
