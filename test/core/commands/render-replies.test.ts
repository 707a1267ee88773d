import { describe, expect, it } from "vitest";
import { CommandRefused, type NextStep } from "../../../core/commands/command-refused.js";
import { parseCommands } from "../../../core/commands/parse-command.js";
import {
  renderNextStep,
  renderRefusalComment,
  renderResultComment,
} from "../../../core/commands/render-comment-reply.js";
import { renderHelp } from "../../../core/commands/render-help.js";
import type { ApprovalRule } from "../../../core/plan/approval-rule.js";
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
  const rule = (groups: ApprovalRule["groups"], source: string): ApprovalRule => ({ groups, source });
  const teams = rule(
    [
      { count: 1, from: [{ kind: "team", team: "@acme/security" }] },
      {
        count: 2,
        from: [
          { kind: "team", team: "@acme/core" },
          { kind: "user", login: "alice" },
        ],
      },
    ],
    "the plan's approval",
  );
  const owners = rule([{ count: 1, from: [{ kind: "codeowners" }] }], "task T2's approval");
  const none = { rules: [], minPermission: "write" as const, allowSelfApproval: false };

  it.each([
    [
      { rules: [teams], minPermission: "write" as const, allowSelfApproval: false },
      "| whoever the gate's approval rule names, with at least write access; never on their own task |",
    ],
    [
      { rules: [teams, owners, teams], minPermission: "write" as const, allowSelfApproval: false },
      "- `1 of @\u2060acme/security and 2 of @\u2060acme/core | alice` (the plan's approval)\n- `1 of codeowners` (task T2's approval)\n",
    ],
    [{ rules: [], minPermission: "maintain" as const, allowSelfApproval: true }, "- `1 approval` (no rule set)"],
    [none, "from members of the `@org/team`s named, or from the code owners of the phase's deliverables"],
    [none, "A group that names nobody takes anyone with at least write access."],
  ])("describes the approval rules (%#)", (policy, text) => {
    expect(renderHelp(policy)).toContain(text);
  });

  it("lists ten rules and counts the rest", () => {
    const many = Array.from({ length: 14 }, (_, i) =>
      rule([{ count: 1, from: [{ kind: "user", login: `u${i}` }] }], `task T${i}'s approvers`),
    );
    const help = renderHelp({ ...none, rules: many });
    expect(help).toContain("- `1 of u9` (task T9's approvers)");
    expect(help).not.toContain("u10");
    expect(help).toContain("- and 4 more: `/explain [task]` shows each");
  });

  it.each([
    ["`/release`", "the claimant, or maintain access"],
    ["`/hold [reason]`", "write access"],
    ["`/status`", "anyone"],
    ["`/sync`", "write access"],
  ])("%s: %s", (command, who) => {
    const row = renderHelp(none)
      .split("\n")
      .find((l) => l.startsWith(`| ${command} `));
    expect(row?.endsWith(`| ${who} |`)).toBe(true);
  });

  it("mentions nobody and lists no live command", () => {
    const help = renderHelp({ ...none, rules: [teams, owners] });
    expect(help).not.toMatch(/(^|\s)@\w/);
    expect(parseCommands(help)).toEqual([]);
  });
});
