import { describe, expect, it } from "vitest";
import { auditLog, type AuditRecheck } from "../../../core/rules/audit-log.js";
import { recheckOverride } from "../../../core/commands/recheck-override.js";
import type { NewEvent } from "../../../core/events/event.js";
import type { Permission } from "../../../core/plan/plan.js";
import { buildLog } from "../../helpers/log-builder.js";
import { makePlan, makeTask } from "../../helpers/make-plan.js";

const plan = makePlan([makeTask("T1", [], { assignees: ["bob"] })], { approvers: ["alice"] });
const SHA = "c".repeat(40);
const override = (actor: string, details: NewEvent["details"] = {}): NewEvent => ({
  event: "gate_overridden",
  actor,
  details: { pr: 12, sha: SHA, reason: "prod is down", tasks: ["T1"], ...details },
});

function audit(events: NewEvent[]) {
  const recheck: AuditRecheck = { facts: { codeowners: [], codeownersKnown: true }, notes: [], overrides: [] };
  const findings = auditLog(() => plan, buildLog("m1", events).events, recheck).map((f) => f.message);
  return { findings, overrides: recheck.overrides ?? [] };
}

describe("gate_overridden in the audit", () => {
  it("an override shaped as /override-gate writes it is left to the question of access, at its line", () => {
    expect(audit([override("dana")])).toEqual({
      findings: [],
      overrides: [{ line: 1, actor: "dana", pr: 12, sha: SHA }],
    });
  });

  it.each<[string, NewEvent["details"], string]>([
    ["no pull request", { pr: null }, "it names no pull request"],
    ["a pull request that is no number", { pr: "12" }, "it names no pull request"],
    ["no head commit", { sha: "main" }, "it names no head commit"],
    ["no reason", { reason: "  " }, "it has no reason (/override-gate requires one)"],
    ["no held task", { tasks: [] }, "it names no held task"],
    ["a task the plan version lacks", { tasks: ["T9"] }, "T9 is no task of its plan version"],
  ])("a forged override with %s is a finding, and no question is asked", (_name, details, why) => {
    const { findings, overrides } = audit([override("mallory", details)]);
    expect(findings).toEqual([`line 1: mallory overrode phasegate/gate, but ${why}`]);
    expect(overrides).toEqual([]);
  });

  it.each<[Permission | "none" | undefined, "ok" | "finding" | "note"]>([
    ["admin", "ok"],
    ["maintain", "ok"],
    ["write", "finding"],
    ["read", "finding"],
    ["none", "finding"],
    [undefined, "note"],
  ])("an override by someone with %s access on GitHub: %s", (permission, verdict) => {
    const r = recheckOverride({ line: 3, actor: "mallory", pr: 12, sha: SHA }, permission);
    expect(Object.keys(r)).toEqual([verdict]);
    if ("finding" in r)
      expect(r.finding).toBe(
        `mallory overrode phasegate/gate for #12 at ccccccc, but has ${permission} access on GitHub; override-gate needs maintain`,
      );
    if ("note" in r) expect(r.note).toContain("verify --against github");
  });
});
