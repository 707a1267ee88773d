import { describe, expect, it } from "vitest";
import { activate, MilestoneHandle, parseLog, startTask, sync } from "../../core/index.js";
import { createAppInstance } from "./app-instance.js";
import { commentPayload, createHarness, issueOf, LOG_PATH, OWNER, PLAN_PATH, REPO } from "./app-harness.js";

const TASKS = ["T1", "T2", "T3", "T4"];
const COMMANDS = ["/claim", "/hold", "/unhold", "/approve", "/release", "/claim 2h", "/hold busy", "/unhold"];
const PEOPLE = ["alice", "bob", "carol"];
const DESIGN = "# Design\n\n## Overview\n\nHow it works.\n";

/** Four independent tasks, bob's; alice and carol approve. */
function plan(): string {
  const lines = ["version: 1", "id: m1", "title: Milestone one", "approvers: [alice, carol]", "tasks:"];
  for (const id of TASKS)
    lines.push(`  - id: ${id}`, `    title: Task ${id}`, `    spec: s-${id}`, "    assignees: [bob]");
  return lines.join("\n") + "\n";
}

describe("two App instances, one GitHub", () => {
  it("50 interleaved deliveries (some twice, to both) end with one valid log and one answer per comment", async () => {
    const h = await createHarness({ [PLAN_PATH]: plan() });
    const other = await createAppInstance(h.gh, { ...h.deps });
    const ctx = h.core("bob");
    const handle = await MilestoneHandle.open(ctx, "m1");
    await activate(ctx, handle);
    for (const id of TASKS) await startTask(ctx, handle, { taskId: id });
    const designs = Object.fromEntries(TASKS.map((id) => [`.kiro/specs/s-${id}/design.md`, DESIGN]));
    h.gh.commitFiles(OWNER, REPO, "milestone/m1", designs, "Designs");
    await handle.reload();
    await sync(ctx, handle);
    const before = h.gh.readFile(OWNER, REPO, "milestone/m1", LOG_PATH)!.split("\n").filter(Boolean).length;

    const deliveries: { id: string; to: number; payload: Record<string, any>; comment: number }[] = [];
    for (let i = 0; i < 50; i++) {
      const issue = issueOf(h, TASKS[i % TASKS.length]!);
      const payload = await commentPayload(h, issue, COMMANDS[i % COMMANDS.length]!, PEOPLE[i % PEOPLE.length]!);
      deliveries.push({ id: `c-${i}`, to: i % 2, payload, comment: payload.comment.id });
    }
    // Every fifth comment is delivered twice, with the same delivery id: once to each instance in
    // the same batch (at the same time), or again in the next batch.
    const schedule = deliveries.flatMap((d, i) => (i % 5 === 0 ? [d, { ...d, to: 1 - d.to }] : [d]));
    const late = schedule.filter((_, i) => i % 12 === 11);
    const order = [...schedule.filter((_, i) => i % 12 !== 11), ...late];
    const instances = [h, other];
    for (let i = 0; i < order.length; i += 8) {
      const batch = order.slice(i, i + 8);
      await Promise.all(batch.map((d) => instances[d.to]!.deliver("issue_comment", structuredClone(d.payload), d.id)));
    }
    expect(h.gh.violations).toEqual([]);

    const text = h.gh.readFile(OWNER, REPO, "milestone/m1", LOG_PATH)!;
    const parsed = parseLog(text, "m1");
    expect(parsed.problem).toBeUndefined();
    const added = parsed.events.slice(before);
    const kinds = new Set(added.map((e) => e.event));
    for (const kind of ["task_claimed", "task_released", "task_held", "task_unheld", "phase_approved"])
      expect(kinds).toContain(kind);
    // No event twice for one delivery: a session is one delivery (`app-<delivery id>`).
    const keys = added.map((e) => JSON.stringify([e.session_id, e.event, e.task_id ?? "", e.phase ?? ""]));
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(added.map((e) => e.session_id)).size).toBeLessThanOrEqual(50);

    const repo = h.gh.repo(OWNER, REPO);
    for (const d of deliveries) {
      const replies = repo.comments.filter((c) => c.body.includes(`reply comment=${d.comment} -->`));
      expect(replies, `replies to comment ${d.comment}`).toHaveLength(1);
      expect(repo.reactions.filter((r) => r.subject === `comment:${d.comment}`)).toHaveLength(1);
    }
    expect(repo.comments).toHaveLength(100);
    const tasks = repo.issues.filter((i) => / task=T\d+ -->/.test(i.body ?? ""));
    expect(tasks.map((i) => i.title).sort()).toEqual(TASKS.map((id) => expect.stringContaining(id)));
    expect(repo.issues.filter((i) => (i.body ?? "").includes(" dashboard -->"))).toHaveLength(1);
    expect(repo.milestones).toHaveLength(1);
  });
});
