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
