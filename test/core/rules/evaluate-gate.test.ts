import { describe, expect, it } from "vitest";
import { toPrincipal, type ApprovalRule } from "../../../core/plan/approval-rule.js";
import { evaluateGate, type GateFacts } from "../../../core/rules/evaluate-gate.js";
import { explainGate } from "../../../core/rules/explain-gate.js";

const TEAMS: Record<string, string[]> = {
  "@acme/security": ["sam", "sue"],
  "@acme/core": ["cat", "cid", "sam"],
  "@acme/docs": ["dan"],
};
const facts = (p: Partial<GateFacts> = {}): GateFacts => ({
  isMember: (team, login) => (TEAMS[team] ? TEAMS[team].includes(login.toLowerCase()) : undefined),
  codeowners: [],
  authors: new Set(),
  allowSelfApproval: false,
  ...p,
});
const rule = (...groups: [number, string[], boolean?][]): ApprovalRule => ({
  groups: groups.map(([count, from, owners]) => ({
    count,
    from: [...from.map(toPrincipal), ...(owners ? [{ kind: "codeowners" as const }] : [])],
  })),
  source: "approval",
});
const securityAndTwoCore = rule([1, ["@acme/security"]], [2, ["@acme/core"]]);
const owned: GateFacts["codeowners"] = [
  { path: "docs/a.md", owners: ["@acme/docs"] },
  { path: "src/b.ts", owners: ["cat"] },
];

describe("evaluateGate", () => {
  it.each<[string, ApprovalRule, string[], Partial<GateFacts>, boolean]>([
    ["no approval at all, default rule", rule([1, []]), [], {}, false],
    ["one approval, default rule", rule([1, []]), ["anyone"], {}, true],
    ["two of anyone with one", rule([2, []]), ["a"], {}, false],
    ["a listed login", rule([1, ["alice"]]), ["Alice"], {}, true],
    ["someone else", rule([1, ["alice"]]), ["bob"], {}, false],
    ["security and two of core: all three", securityAndTwoCore, ["sue", "cat", "cid"], {}, true],
    ["security and two of core: one in both counts for both", securityAndTwoCore, ["sam", "cat"], {}, true],
    ["security and two of core: core missing one", securityAndTwoCore, ["sue", "cat"], {}, false],
    ["security and two of core: no security", securityAndTwoCore, ["cat", "cid"], {}, false],
    ["an unknown team never counts", rule([1, ["@acme/ghosts"]]), ["cat"], {}, false],
    ["an author does not count", rule([1, ["alice"]]), ["alice"], { authors: new Set(["alice"]) }, false],
    [
      "an author counts when allowed",
      rule([1, ["alice"]]),
      ["alice"],
      { authors: new Set(["alice"]), allowSelfApproval: true },
      true,
    ],
    ["codeowners: an owner of every deliverable", rule([1, [], true]), ["dan", "cat"], { codeowners: owned }, true],
    ["codeowners: one file's owner missing", rule([1, [], true]), ["dan"], { codeowners: owned }, false],
    [
      "codeowners: a file without owners asks nothing",
      rule([1, [], true]),
      ["cat"],
      { codeowners: [{ path: "x", owners: [] }, owned[1]!] },
      true,
    ],
    [
      "codeowners: nothing owned is never met",
      rule([1, [], true]),
      ["cat"],
      { codeowners: [{ path: "x", owners: undefined }] },
      false,
    ],
    ["codeowners or a named login", rule([1, ["alice"], true]), ["alice"], { codeowners: [owned[1]!] }, true],
  ])("%s", (_name, r, approvers, f, passed) => {
    expect(evaluateGate(r, approvers, facts(f)).passed).toBe(passed);
  });

  it("explains what counts, what is missing and who can give it, in one line", () => {
    const verdict = evaluateGate(securityAndTwoCore, ["cat", "mallory"], facts());
    expect(explainGate(verdict)).toBe(
      "needs 1 of @acme/security and 2 of @acme/core (approval): 1 of @acme/security: none yet, 1 more from @acme/security; 2 of @acme/core: cat ✓, 1 more from @acme/core",
    );
  });

  it("does not repeat a rule of one group", () => {
    const verdict = evaluateGate(rule([2, ["@acme/core"]]), ["cat"], facts());
    expect(explainGate(verdict, ["sam"])).toBe(
      "needs 2 of @acme/core (approval): cat ✓, 1 more from @acme/core; no longer counting (deliverables changed since): sam",
    );
  });

  it("says why an approval does not count", () => {
    const verdict = evaluateGate(rule([1, ["@acme/ghosts"]]), ["cat"], facts());
    expect(explainGate(verdict)).toContain("cat: membership of @acme/ghosts cannot be checked here");
  });
});
