import { describe, expect, it } from "vitest";
import { authorizeApprover, type ActorFacts, type ApprovalPolicy } from "../../../core/commands/authorize-approver.js";

const facts = (
  actor: string,
  permission: ActorFacts["permission"] = "write",
  teams: [string, boolean | undefined][] = [],
): ActorFacts => ({ actor, permission, teams: new Map(teams) });
const policy = (p: Partial<ApprovalPolicy> = {}): ApprovalPolicy => ({
  approvers: ["alice", "@acme/security"],
  minPermission: "write",
  allowSelfApproval: false,
  isSelf: false,
  ...p,
});

describe("authorizeApprover", () => {
  it.each<[string, ActorFacts, ApprovalPolicy, string | false]>([
    ["a listed approver", facts("alice"), policy(), "approver"],
    ["a listed approver, any case", facts("Alice"), policy(), "approver"],
    ["a team member", facts("bob", "write", [["@acme/security", true]]), policy(), "member of @acme/security"],
    ["not listed", facts("mallory"), policy(), false],
    ["a team whose membership is unknown", facts("bob", "write", [["@acme/security", undefined]]), policy(), false],
    ["listed but read-only", facts("alice", "read"), policy(), false],
    [
      "anyone with write when no approvers are listed",
      facts("carol", "write"),
      policy({ approvers: [] }),
      "collaborator",
    ],
    ["triage is not enough by default", facts("carol", "triage"), policy({ approvers: [] }), false],
    ["own work", facts("alice"), policy({ isSelf: true }), false],
    ["own work when the plan allows it", facts("alice"), policy({ isSelf: true, allowSelfApproval: true }), "approver"],
  ])("%s", (_name, f, p, role) => {
    const result = authorizeApprover(f, p);
    if (role === false) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.whoCan).toMatch(/approvers|access/);
    } else expect(result).toEqual({ ok: true, role });
  });

  it("says why team membership could not be checked", () => {
    const result = authorizeApprover(facts("bob", "write", [["@acme/security", undefined]]), policy());
    expect(!result.ok && result.reason).toContain("cannot be checked here");
  });
});
