import { describe, expect, it } from "vitest";
import { authorizeApprover, type ActorFacts, type ApprovalPolicy } from "../../../core/commands/authorize-approver.js";
import { ruleFromApprovers, type ApprovalRule } from "../../../core/plan/approval-rule.js";
import type { GateFacts } from "../../../core/rules/evaluate-gate.js";

const facts = (actor: string, permission: ActorFacts["permission"] = "write"): ActorFacts => ({ actor, permission });
const gate = (
  teams: [string, string, boolean | undefined][] = [],
  codeowners: GateFacts["codeowners"] = [],
): GateFacts => ({
  isMember: (team, login) => {
    const entry = teams.find(([t, l]) => t === team && l === login.toLowerCase());
    return entry ? entry[2] : false;
  },
  codeowners,
  authors: new Set(),
  allowSelfApproval: false,
});
const policy = (
  p: Partial<ApprovalPolicy> = {},
  rule: ApprovalRule = ruleFromApprovers(["alice", "@acme/security"], "approvers"),
): ApprovalPolicy => ({
  rule,
  minPermission: "write",
  allowSelfApproval: false,
  isSelf: false,
  ...p,
});
const codeownersRule: ApprovalRule = { groups: [{ count: 1, from: [{ kind: "codeowners" }] }], source: "approval" };

describe("authorizeApprover", () => {
  it.each<[string, ActorFacts, ApprovalPolicy, GateFacts, string | false]>([
    ["a listed approver", facts("alice"), policy(), gate(), "approver"],
    ["a listed approver, any case", facts("Alice"), policy(), gate(), "approver"],
    ["a team member", facts("bob"), policy(), gate([["@acme/security", "bob", true]]), "member of @acme/security"],
    ["not listed", facts("mallory"), policy(), gate(), false],
    ["a team whose membership is unknown", facts("bob"), policy(), gate([["@acme/security", "bob", undefined]]), false],
    ["listed but read-only", facts("alice", "read"), policy(), gate(), false],
    [
      "anyone with write when no approvers are listed",
      facts("carol"),
      policy({ rule: ruleFromApprovers([], "default") }),
      gate(),
      "collaborator",
    ],
    [
      "triage is not enough by default",
      facts("carol", "triage"),
      policy({ rule: ruleFromApprovers([], "default") }),
      gate(),
      false,
    ],
    ["own work", facts("alice"), policy({ isSelf: true }), gate(), false],
    [
      "own work when the plan allows it",
      facts("alice"),
      policy({ isSelf: true, allowSelfApproval: true }),
      gate(),
      "approver",
    ],
    [
      "a code owner of a deliverable",
      facts("dora"),
      policy({}, codeownersRule),
      gate([], [{ path: "a.md", owners: ["dora"] }]),
      "code owner",
    ],
    [
      "a member of an owning team",
      facts("erin"),
      policy({}, codeownersRule),
      gate([["@acme/docs", "erin", true]], [{ path: "a.md", owners: ["@acme/docs"] }]),
      "code owner",
    ],
    ["not an owner", facts("alice"), policy({}, codeownersRule), gate([], [{ path: "a.md", owners: ["dora"] }]), false],
    [
      "nobody when no CODEOWNERS line covers the deliverables",
      facts("alice"),
      policy({}, codeownersRule),
      gate([], [{ path: "a.md", owners: undefined }]),
      false,
    ],
  ])("%s", (_name, f, p, g, role) => {
    const result = authorizeApprover(f, p, g);
    if (role === false) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.whoCan).toMatch(/access/);
    } else expect(result).toEqual({ ok: true, role });
  });

  it("says why team membership could not be checked", () => {
    const result = authorizeApprover(facts("bob"), policy(), gate([["@acme/security", "bob", undefined]]));
    expect(!result.ok && result.reason).toContain("cannot be checked here");
  });

  it("names who can approve, teams included", () => {
    const result = authorizeApprover(facts("mallory"), policy(), gate());
    expect(!result.ok && result.whoCan).toBe("approvers: alice, @acme/security, with write access");
  });
});
