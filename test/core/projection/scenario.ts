import type { NewEvent } from "../../../core/events/event.js";
import { fold } from "../../../core/events/fold.js";
import type { Plan } from "../../../core/plan/plan.js";
import type { IssueLinks } from "../../../core/projection/issue-links.js";
import { buildLog } from "../../helpers/log-builder.js";
import { makePlan, makeTask } from "../../helpers/make-plan.js";

/** Events that complete every phase of `task` (the kiro preset's four). */
export function completeTask(task: string): NewEvent[] {
  return ["design", "spec", "task", "execute"].flatMap((phase): NewEvent[] => [
    { event: "phase_started", actor: "bot", task_id: task, phase },
    { event: "phase_completed", actor: "bot", task_id: task, phase },
  ]);
}

/**
 * auth-v2 with three tasks: T1 completed; T2 in spec, design done, held, validated and waiting for
 * an approval; T3 waits for T2 and a blocker names it.
 */
export function scenario(extra: NewEvent[] = []) {
  const plan: Plan = makePlan(
    [
      makeTask("T1", [], { title: "Token service", description: "Issue short-lived tokens.", assignees: ["bob"] }),
      makeTask("T2", ["T1"], { title: "Session migration", assignees: ["carol", "dave"] }),
      makeTask("T3", ["T2", "T1"], { title: "Remove sessions" }),
    ],
    {
      id: "auth-v2",
      title: "Auth v2",
      description: "Replace sessions.",
      branch: "milestone/auth-v2",
      file: ".milestones/auth-v2.yaml",
    },
  );
  const events: NewEvent[] = [
    { event: "milestone_activated", actor: "alice", details: { from: "planned" } },
    ...completeTask("T1"),
    { event: "kiro_task_completed", actor: "bot", task_id: "T1" },
    { event: "phase_started", actor: "bot", task_id: "T2", phase: "design" },
    { event: "phase_completed", actor: "bot", task_id: "T2", phase: "design" },
    { event: "phase_started", actor: "bot", task_id: "T2", phase: "spec" },
    { event: "deliverables_validated", actor: "bot", task_id: "T2", phase: "spec", details: { digest: "d1" } },
    { event: "task_held", actor: "alice", task_id: "T2", details: { reason: "waiting on <legal>" } },
    {
      event: "blocker_detected",
      actor: "scan",
      task_id: "T3",
      details: { blocker_id: "dep:T3", type: "task_dependency", message: "T3 started before T2 completed" },
    },
    ...extra,
  ];
  const log = buildLog(plan.id, events);
  return { plan, events: log.events, state: fold(plan, log.events) };
}

/** Issue numbers as the sync would know them: T1 → #11, T2 → #12; T3 has no issue yet. */
export const LINKS: IssueLinks = {
  issueNumberOf: (id: string) =>
    new Map([
      ["T1", 11],
      ["T2", 12],
    ]).get(id),
  repositoryUrl: "https://github.com/acme/app",
  dashboard: 10,
};
