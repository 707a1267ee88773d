import type { LogEvent } from "../events/event.js";

/** One human line per event, for command output and the dashboard's recent events. */
export function renderEvent(e: LogEvent): string {
  const d = e.details;
  const task = e.task_id ?? "";
  switch (e.event) {
    case "milestone_activated":
      return `milestone ${e.milestone_id} activated (was ${String(d.from)})`;
    case "milestone_paused":
      return `milestone paused${d.reason ? `: ${String(d.reason)}` : ""}`;
    case "milestone_resumed":
      return "milestone resumed";
    case "milestone_completed":
      return `milestone ${e.milestone_id} completed`;
    case "phase_started":
      return `${task}: ${e.phase} started`;
    case "deliverables_validated":
      return `${task}: ${e.phase} deliverables validated`;
    case "phase_approved":
      return `${task}: ${e.phase} approved by ${e.actor} (${String(d.role)})`;
    case "phase_rejected":
      return `${task}: ${e.phase} rejected by ${e.actor}: ${String(d.reason)}`;
    case "approval_revoked":
      return `${task}: ${e.phase} approval${typeof d.approver === "string" ? ` by ${d.approver}` : ""} revoked (${String(d.reason)})`;
    case "phase_completed":
      return `${task}: ${e.phase} completed`;
    case "kiro_task_completed":
      return `${task} completed`;
    case "task_claimed":
      return `${task} claimed by ${e.actor} until ${String(d.expires_at)}`;
    case "task_released":
      return `${task} released by ${e.actor}`;
    case "task_held":
      return `${task} on hold by ${e.actor}${d.reason ? `: ${String(d.reason)}` : ""}`;
    case "task_unheld":
      return `${task} no longer on hold`;
    case "progress_updated":
      return `progress ${Number(d.percentage).toFixed(1)}% (${String(d.completed_tasks)}/${String(d.total_tasks)} tasks)`;
    case "session_saved":
      return `session ${e.session_id} saved to ${String(d.file)} (${String(d.reason)})`;
    case "session_resumed":
      return `session resumed${d.from_session ? ` from ${String(d.from_session)}` : ""}`;
    case "blockers_escalated":
      return `escalated: ${(d.blockers as string[]).join(", ")} — milestone blocked`;
    case "blocker_resolved":
      return `blocker resolved: ${String(d.blocker_id)}`;
    case "auto_commit":
      if (d.reached_branch === false)
        return `checkpoint ${String(d.commit).slice(0, 10)} did not reach the branch: ${String(d.reason)}`;
      return `checkpoint ${String(d.commit).slice(0, 10)} (${String(d.files_changed)} files)`;
    case "gate_overridden":
      return `phasegate/gate overridden by ${e.actor} for #${String(d.pr)} at ${String(d.sha).slice(0, 10)}: ${String(d.reason)}`;
    default:
      return `blocker: ${String(d.message ?? e.event)}`;
  }
}
