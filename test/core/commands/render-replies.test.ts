import { describe, expect, it } from "vitest";
import { CommandRefused, type NextStep } from "../../../core/commands/command-refused.js";
import { parseCommands } from "../../../core/commands/parse-command.js";
import {
  renderNextStep,
  renderRefusalComment,
  renderResultComment,
} from "../../../core/commands/render-comment-reply.js";
import { renderHelp } from "../../../core/commands/render-help.js";
import { buildLog } from "../../helpers/log-builder.js";

describe("renderNextStep", () => {
  it.each<[NextStep, string]>([
    [{ verb: "resume" }, "comment `/resume`"],
    [{ verb: "approve", task: "T2", phase: "spec" }, "comment `/approve T2 spec`"],
    [{ verb: "unhold", task: "T1" }, "comment `/unhold T1`"],
    [{ verb: "migrate", file: ".milestones/a.yaml" }, "run `phasegate migrate .milestones/a.yaml`"],
    [{ verb: "migrate" }, "run `phasegate migrate <file>`"],
    [{ verb: "checkpoint" }, "run `phasegate checkpoint`"],
    [{ verb: "log-repair" }, "run `phasegate log repair`"],
  ])("%j → %s", (step, expected) => {
    expect(renderNextStep(step)).toBe(expected);
  });
});

describe("renderRefusalComment", () => {
  it("quotes the command, says why, who can, and what next", () => {
    const refused = new CommandRefused("resume", "a blocker remains: <b>tests</b> fail", {
      code: "blocked",
      whoCan: "anyone with write access",
      next: { verb: "scan" },
    });
    expect(renderRefusalComment(refused, "/resume")).toBe(
      [
        "> /resume",
        "",
        "Not done: a blocker remains: &lt;b&gt;tests&lt;/b&gt; fail.",
        "Who can: anyone with write access.",
        "Next: comment `/scan`",
        "",
        "Nothing was changed. `/help` lists the commands.",
        "",
      ].join("\n"),
    );
  });

  it.each([
    ["/approve", new CommandRefused("approve", "not an approver")],
    [
      "/reject too vague\nsecond line",
      new CommandRefused("reject", "task is completed", { next: { verb: "migrate" } }),
    ],
  ])("a reply to %j holds no command of its own", (quoted, refused) => {
    const reply = renderRefusalComment(refused, quoted);
    expect(parseCommands(reply)).toEqual([]);
    expect(reply).not.toContain(String.fromCharCode(27));
  });
});

describe("renderResultComment", () => {
  const { events } = buildLog("m1", [
    { event: "phase_approved", actor: "alice", task_id: "T1", phase: "design", details: { role: "approver" } },
    { event: "phase_completed", actor: "bot", task_id: "T1", phase: "design" },
  ]);

  it.each([
    [events, "> /approve\n\nDone:\n- T1: design approved by alice (approver)\n- T1: design completed\n"],
    [[], "> /approve\n\nDone; nothing needed to change.\n"],
  ])("tells the events in words (%#)", (list, expected) => {
    expect(renderResultComment("/approve", list)).toBe(expected);
  });
});

describe("renderHelp", () => {
  it.each([
    [
      { approvers: ["alice", "@acme/security"], minPermission: "write" as const, allowSelfApproval: false },
      "approvers: `alice`, `@acme/security`, with at least write access; never on their own task",
    ],
    [
      { approvers: [], minPermission: "maintain" as const, allowSelfApproval: true },
      "| anyone with at least maintain access |",
    ],
  ])("names who may approve (%#)", (policy, text) => {
    expect(renderHelp(policy)).toContain(text);
  });

  it.each([
    ["`/release`", "the claimant, or maintain access"],
    ["`/hold [reason]`", "write access"],
    ["`/status`", "anyone"],
    ["`/sync`", "write access"],
  ])("%s: %s", (command, who) => {
    const row = renderHelp({ approvers: [], minPermission: "write", allowSelfApproval: false })
      .split("\n")
      .find((l) => l.startsWith(`| ${command} `));
    expect(row?.endsWith(`| ${who} |`)).toBe(true);
  });

  it("mentions nobody and lists no live command", () => {
    const help = renderHelp({ approvers: ["alice"], minPermission: "write", allowSelfApproval: false });
    expect(help).not.toMatch(/(^|\s)@\w/);
    expect(parseCommands(help)).toEqual([]);
  });
});
