import { afterEach, describe, expect, it } from "vitest";
import { parseLog } from "../../core/events/parse-log.js";
import { sealEvent } from "../../core/events/serialize-event.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { DESIGN, SAMPLE_PLAN, sampleFiles } from "../helpers/sample-plan.js";

const LOG = ".milestones/logs/m1.jsonl";
let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

/** Append an event by hand, sealed correctly: the chain verifies, only the audit can tell. */
function forge(r: ScratchRepo, event: Record<string, unknown>) {
  const { events } = parseLog(r.read(LOG), "m1");
  const last = events.at(-1)!;
  const body = {
    v: 1 as const,
    seq: last.seq + 1,
    timestamp: new Date().toISOString(),
    milestone_id: "m1",
    session_id: "s-hand",
    prev: last.hash,
    ...event,
  } as Parameters<typeof sealEvent>[0];
  r.write(LOG, r.read(LOG) + sealEvent(body).line + "\n");
  return body.seq;
}

describe("phasegate verify", () => {
  it("passes a log written by the engine, with its approvals", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    await repo.cli("execute", "m1");
    repo.write(".kiro/specs/first/design.md", DESIGN);
    expect((await repo.cli("approve", "m1", "T1", "--as", "alice")).code).toBe(0);
    const result = await repo.cli("verify", "m1");
    expect(result.out).toContain("every transition follows the rules");
    expect(result.code).toBe(0);
  });

  it("checks each approval against the settings it was decided with (settings_version), not today's", async () => {
    const settings = ".github/phasegate.yml";
    const plan = SAMPLE_PLAN.replace("approvers: [alice]", "approvers: [alice, bob]");
    repo = scratchRepo({ ...sampleFiles(plan), [settings]: "allow_self_approval: true\n" }, "milestone/m1");
    await repo.cli("execute", "m1");
    repo.write(".kiro/specs/first/design.md", DESIGN);
    // bob is T1's assignee: the repository's settings let him approve his own task.
    expect((await repo.cli("approve", "m1", "T1", "--as", "bob")).code).toBe(0);
    const approved = parseLog(repo.read(LOG), "m1").events.find((e) => e.event === "phase_approved")!;
    expect(approved.details.settings_version).toMatch(/^[0-9a-f]{40}$/);
    // Later the repository turns self-approval off on main: the old approval stays valid.
    repo.git("checkout", "-q", "main");
    repo.write(settings, "allow_self_approval: false\n");
    repo.git("commit", "-qam", "No more self-approval");
    repo.git("checkout", "-q", "milestone/m1");
    const result = await repo.cli("verify", "m1");
    expect(result.out).toContain("every transition follows the rules");
    expect(result.code).toBe(0);
  });

  it("reports an approval by a non-approver written by hand, at its line; status and scan report it too", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    await repo.cli("execute", "m1");
    const { events } = parseLog(repo.read(LOG), "m1");
    const version = String(events.at(-1)!.details.plan_version);
    const line = forge(repo, {
      event: "phase_approved",
      actor: "mallory",
      task_id: "T1",
      phase: "design",
      details: { digest: "x", plan_version: version, role: "approver" },
    });
    const result = await repo.cli("verify", "m1");
    expect(result.code).toBe(1);
    expect(result.out).toContain(`${LOG}:line ${line}: mallory approved T1 design, but mallory is not an approver`);
    const status = await repo.cli("status", "m1", "--json");
    expect(status.code).toBe(1);
    expect(JSON.parse(status.out).log.problems).toEqual([expect.stringContaining(`line ${line}: mallory`)]);
    const scan = JSON.parse((await repo.cli("scan", "m1", "--json")).out);
    expect(scan.blockers).toContainEqual(expect.objectContaining({ type: "log_tampered", id: "log_audit" }));
  });

  it("gate removal in the working copy: execute keeps the gate (the plan comes from the default branch)", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    await repo.cli("execute", "m1");
    const ungated = SAMPLE_PLAN.replace(
      "    assignees: [bob]\n",
      "    assignees: [bob]\n    kiro_workflow:\n      phases:\n        design: { approval_required: false }\n",
    );
    repo.write(".milestones/m1.yaml", ungated);
    repo.write(".kiro/specs/first/design.md", DESIGN);
    const run = await repo.cli("execute", "m1");
    expect(run.err).toContain("differs from main's");
    const view = JSON.parse((await repo.cli("status", "m1", "--json")).out);
    expect(view.tasks[0]).toMatchObject({ phase: "design", awaiting_approval: true });
    expect(parseLog(repo.read(LOG), "m1").events.some((e) => e.event === "phase_completed")).toBe(false);
    expect((await repo.cli("verify", "m1")).code).toBe(0);
  });

  it("a gated phase completed by hand, without approval, is reported at its line", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    await repo.cli("execute", "m1");
    const { events } = parseLog(repo.read(LOG), "m1");
    const version = String(events.at(-1)!.details.plan_version);
    const line = forge(repo, {
      event: "phase_completed",
      actor: "bob",
      task_id: "T1",
      phase: "design",
      details: { plan_version: version },
    });
    const result = await repo.cli("verify", "m1", "--json");
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out).findings).toEqual([
      { line, message: expect.stringContaining(`line ${line}: T1 design completed without a valid approval`) },
    ]);
  });
});

describe("phasegate verify re-checks rules of teams and code owners", () => {
  const withRule = (rule: string) => SAMPLE_PLAN.replace("approvers: [alice]\n", `approval:\n${rule}\n`);
  /** The plan and settings versions the engine recorded last, for a hand-written event to cite. */
  const versions = (r: ScratchRepo) => {
    const { details } = parseLog(r.read(LOG), "m1").events.at(-1)!;
    return { plan_version: details.plan_version, settings_version: details.settings_version };
  };
  const approval = (actor: string, via: string, extra: Record<string, unknown> = {}) => ({
    event: "phase_approved",
    actor,
    task_id: "T1",
    phase: "design",
    details: { digest: "x", role: "member of @acme/core", via, ...versions(repo), ...extra },
  });

  it("teams by the recorded settings: outside the team by hand is a finding; decided by GitHub, a note", async () => {
    const settings = { ".github/phasegate.yml": 'teams:\n  "@acme/core": [alice]\n' };
    repo = scratchRepo({ ...sampleFiles(withRule('  - from: ["@acme/core"]')), ...settings }, "milestone/m1");
    await repo.cli("execute", "m1");
    const byHand = forge(repo, approval("mallory", "cli"));
    const byGitHub = forge(repo, approval("carol", "comment"));
    const result = await repo.cli("verify", "m1");
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `line ${byHand}: mallory approved T1 design, but mallory is not an approver under its rule (1 of @acme/core;`,
    );
    expect(result.out).not.toContain(`line ${byGitHub}:`);
    expect(result.err).toContain(`note: line ${byGitHub}: carol approved T1 design; not re-checked: carol is in none`);
  });

  it("a team the settings do not list: says the rule could not be checked instead of passing silently", async () => {
    repo = scratchRepo(sampleFiles(withRule('  - from: ["@acme/core"]')), "milestone/m1");
    await repo.cli("execute", "m1");
    const line = forge(repo, approval("carol", "comment"));
    const result = await repo.cli("verify", "m1");
    expect(result.code).toBe(0);
    expect(result.err).toContain(
      `note: line ${line}: carol approved T1 design; not re-checked: membership of @acme/core cannot be checked here`,
    );
  });

  it("code owners by every CODEOWNERS version: a later edit is no false alarm, a stranger is a finding", async () => {
    repo = scratchRepo(
      { ...sampleFiles(withRule("  - codeowners: true")), ".github/CODEOWNERS": "* @alice\n" },
      "milestone/m1",
    );
    await repo.cli("execute", "m1");
    repo.write(".kiro/specs/first/design.md", DESIGN);
    expect((await repo.cli("approve", "m1", "T1", "--as", "alice")).code).toBe(0);
    repo.git("checkout", "-q", "main");
    repo.write(".github/CODEOWNERS", "* @carol\n");
    repo.git("commit", "-qam", "carol owns everything now");
    repo.git("checkout", "-q", "milestone/m1");
    const honest = await repo.cli("verify", "m1");
    expect(honest.out).toContain("every transition follows the rules");
    expect(honest.code).toBe(0);
    const line = forge(repo, { ...approval("dave", "cli"), phase: "spec" });
    const forged = await repo.cli("verify", "m1");
    expect(forged.code).toBe(1);
    expect(forged.out).toContain(`line ${line}: dave approved T1 spec, but dave is not an approver under its rule`);
  });

  it("a gate completed with fewer approvals than its rule counts is a finding", async () => {
    repo = scratchRepo(sampleFiles(withRule("  - count: 2")), "milestone/m1");
    await repo.cli("execute", "m1");
    repo.write(".kiro/specs/first/design.md", DESIGN);
    await repo.cli("execute", "m1");
    const validated = parseLog(repo.read(LOG), "m1").events.findLast((e) => e.event === "deliverables_validated")!;
    forge(repo, {
      ...approval("alice", "cli"),
      details: { ...approval("alice", "cli").details, digest: validated.details.digest },
    });
    const line = forge(repo, {
      event: "phase_completed",
      actor: "alice",
      task_id: "T1",
      phase: "design",
      details: versions(repo),
    });
    const result = await repo.cli("verify", "m1");
    expect(result.code).toBe(1);
    expect(result.out).toContain(`line ${line}: T1 design completed, but its rule was not met: needs 2 approvals`);
  });
});
