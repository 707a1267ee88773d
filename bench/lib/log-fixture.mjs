// A valid event log for a generated plan: a simulation of agents working the milestone, sealed into
// hash-chained lines with the core's own sealEvent. Agents claim ready tasks in plan order (a task
// is ready once its dependencies are completed), walk each task through the kiro phases (validate,
// revise, get approved or rejected, complete), renew claims, save sessions and checkpoint, as the
// CLI's use cases would record it (same event names and details).
import { APPROVERS } from "./plan-fixture.mjs";
import { createRandom } from "./random.mjs";

const PHASES = [
  { id: "design", weight: 15, file: "design.md", approval: true },
  { id: "spec", weight: 25, file: "requirements.md", approval: true },
  { id: "task", weight: 20, file: "tasks.md", approval: false },
  { id: "execute", weight: 40, file: "tasks.md", approval: true },
];
const START = Date.parse("2027-01-04T09:00:00Z");
const HOUR = 3_600_000;

/**
 * The log text (`events` lines, each ending in "\n") and a count per event name.
 * `revisions`: mean extra validations per phase (an agent editing after a first validation).
 * `planVersion`: the plan's blob id, stamped on every event as the commands stamp it.
 */
export function generateLog(
  { plan, planVersion, events: wanted, revisions, agents: agentCount = 8, seed = 7 },
  sealEvent,
  genesis,
) {
  const lines = [];
  const counts = {};
  let prev = genesis;
  for (const e of simulate(plan, { revisions, agentCount, seed })) {
    const body = { v: 1, seq: lines.length + 1, timestamp: e.timestamp, event: e.event, milestone_id: plan.id };
    Object.assign(body, { session_id: e.session, actor: e.actor });
    if (e.task_id !== undefined) body.task_id = e.task_id;
    if (e.phase !== undefined) body.phase = e.phase;
    const details = { ...(planVersion !== undefined && { plan_version: planVersion }), ...e.details };
    Object.assign(body, { details, prev });
    const sealed = sealEvent(body);
    prev = sealed.hash;
    lines.push(sealed.line + "\n");
    counts[e.event] = (counts[e.event] ?? 0) + 1;
    if (lines.length === wanted) break;
  }
  if (lines.length < wanted) throw new Error(`the simulation ended after ${lines.length} events; raise revisions`);
  return { text: lines.join(""), counts };
}

function* simulate(plan, { revisions, agentCount, seed }) {
  const random = createRandom(seed);
  let now = START;
  const tick = () => (now += random.int(5, 240) * 1000);
  const stamp = () => new Date(now).toISOString();
  const byId = new Map(plan.tasks.map((t, i) => [t.id, { ...t, index: i, waiting: t.dependencies.length }]));
  const dependents = new Map(plan.tasks.map((t) => [t.id, []]));
  for (const t of plan.tasks) for (const d of t.dependencies) dependents.get(d).push(t.id);
  const ready = plan.tasks.filter((t) => t.dependencies.length === 0).map((t) => byId.get(t.id).index);
  const agents = Array.from({ length: agentCount }, (_, k) => ({
    name: `agent-${k + 1}`,
    session: sessionId(now, random),
  }));
  const total = plan.tasks.length;
  const done = { tasks: 0, weight: 0 };
  /** progress_updated's details after a phase completes (as decide-advance.ts writes them). */
  const progress = (weight, last) => {
    done.weight += weight;
    if (last) done.tasks += 1;
    return { percentage: Math.round((done.weight / total) * 10) / 10, completed_tasks: done.tasks, total_tasks: total };
  };
  const at = (agent, fields) => ({ timestamp: stamp(), session: agent.session, actor: agent.name, ...fields });

  yield at(
    { name: "alice", session: agents[0].session },
    { event: "milestone_activated", details: { from: "planned", branch: `milestone/${plan.id}` } },
  );
  let openBlocker;
  while (done.tasks < total) {
    tick();
    const agent = random.pick(agents);
    if (!agent.work) {
      if (ready.length === 0) continue;
      ready.sort((a, b) => a - b);
      const task = plan.tasks[ready.shift()];
      agent.work = runTask(task, agent, { random, at, tick, now: () => now, revisions, progress });
    }
    const step = agent.work.next();
    if (step.done) {
      agent.work = undefined;
      for (const id of dependents.get(step.value)) if (--byId.get(id).waiting === 0) ready.push(byId.get(id).index);
      continue;
    }
    yield* step.value;
    if (random.chance(0.02)) {
      const files = random.int(10, 40);
      yield at(agent, {
        event: "auto_commit",
        details: {
          commit: random.hex(40),
          files_changed: files,
          files: [],
          skipped_secrets: [],
          log: `.milestones/logs/${plan.id}.jsonl`,
        },
      });
    }
    if (random.chance(0.004)) {
      const file = `.milestones/sessions/${agent.session}.yaml`;
      yield at(agent, {
        event: "session_saved",
        details: { file, reason: random.pick(["checkpoint", "end of day", "context limit"]) },
      });
      const from = agent.session;
      agent.session = sessionId(now, random);
      yield at(agent, { event: "session_resumed", details: { from_session: from, from_seq: 0, snapshot: file } });
    }
    if (!openBlocker && random.chance(0.002)) {
      openBlocker = `test_failures:${random.hex(8)}`;
      yield at(agent, {
        event: "blocker_detected",
        details: { blocker_id: openBlocker, type: "test_failures", message: "npm test exited 1" },
      });
    } else if (openBlocker && random.chance(0.05)) {
      yield at(agent, { event: "blocker_resolved", details: { blocker_id: openBlocker, type: "test_failures" } });
      openBlocker = undefined;
    }
  }
  yield at(agents[0], { event: "milestone_completed", details: { tasks: total } });
}

/** One task, start to finish: yields batches of events (one use case's commit); returns the task id. */
function* runTask(task, agent, { random, at, tick, now, revisions, progress }) {
  const ids = { task_id: task.id };
  yield [
    at(agent, { event: "task_claimed", ...ids, details: { expires_at: new Date(now() + 4 * HOUR).toISOString() } }),
  ];
  yield [at(agent, { event: "phase_started", ...ids, phase: PHASES[0].id })];
  for (const [i, phase] of PHASES.entries()) {
    const where = { ...ids, phase: phase.id };
    const files = () => [{ path: `.kiro/specs/${task.spec}/${phase.file}`, version: random.hex(40) }];
    const validate = () => {
      const digest = random.hex(64);
      return {
        digest,
        event: at(agent, { event: "deliverables_validated", ...where, details: { digest, files: files() } }),
      };
    };
    let v = validate();
    yield [v.event];
    for (let r = poisson(random, revisions); r > 0; r--) {
      if (random.chance(0.1))
        yield [
          at(agent, {
            event: "task_claimed",
            ...ids,
            details: { expires_at: new Date(now() + 4 * HOUR).toISOString(), previous: agent.name },
          }),
        ];
      v = validate();
      yield [v.event];
    }
    const gated = phase.approval && !task.approvalFree.includes(phase.id);
    if (gated) {
      // Never the task's author (an assignee): the audit would rightly report a self-approval.
      const approver = random.pick(APPROVERS.filter((a) => !task.assignees.includes(a)));
      const approval = () =>
        at(
          { name: approver, session: `s-review-${approver}` },
          {
            event: "phase_approved",
            ...where,
            details: {
              role: "approver",
              commit: random.hex(40),
              tree: random.hex(40),
              digest: v.digest,
              files: files(),
              via: random.pick(["cli", "comment", "review"]),
            },
          },
        );
      if (random.chance(0.1)) {
        yield [
          at(
            { name: approver, session: `s-review-${approver}` },
            {
              event: "phase_rejected",
              ...where,
              details: { reason: "the acceptance criteria miss the error cases", role: "approver" },
            },
          ),
        ];
        tick();
        v = validate();
        yield [v.event];
      }
      yield [approval()];
      if (random.chance(0.1)) {
        // Edited after approval: the engine revokes the approval and the approver looks again.
        v = validate();
        yield [
          v.event,
          at(agent, {
            event: "approval_revoked",
            ...where,
            details: { reason: "the deliverables changed after approval", digest: v.digest },
          }),
        ];
        yield [approval()];
      }
    }
    const next = PHASES[i + 1];
    yield [
      at(agent, { event: "phase_completed", ...where }),
      next
        ? at(agent, { event: "phase_started", ...ids, phase: next.id })
        : at(agent, { event: "kiro_task_completed", ...ids, details: { phases_completed: PHASES.length } }),
      at(agent, { event: "progress_updated", details: progress(phase.weight, !next) }),
    ];
  }
  return task.id;
}

/** Knuth's Poisson sampler: how many revisions this phase gets, mean `mean`. */
function poisson(random, mean) {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random.next(); p > limit; p *= random.next()) k++;
  return k;
}

function sessionId(now, random) {
  return `s-${new Date(now).toISOString().replace(/[-:]/g, "").slice(0, 15)}-${random.hex(4)}`;
}
