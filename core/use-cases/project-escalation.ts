import { escalationMarker, parseMarker } from "../projection/markers.js";
import { renderEscalationComment } from "../projection/render-escalation.js";
import type { Context } from "./context.js";
import type { MilestoneHandle } from "./milestone-handle.js";
import type { ScanReport } from "./scan.js";

/** The commit status Phasegate sets on the milestone branch's head. */
export const STATUS_CONTEXT = "phasegate";

/**
 * What a scan's escalation shows on GitHub besides the dashboard (product.md §7), the same from the
 * App and the Action: a `phasegate` status on the milestone branch's head (failing while a blocker
 * holds, green once none does), and for new blockers one comment on the dashboard that mentions the
 * owners (marked with the escalation's seq, so a retry never posts it twice). Nothing when the scan
 * recorded nothing or there is no GitHub here.
 */
export async function projectEscalation(ctx: Context, handle: MilestoneHandle, report: ScanReport): Promise<void> {
  const tracker = ctx.tracker;
  if (!tracker || report.events.length === 0) return;
  const head = handle.work.revision?.commit;
  const holding = handle.state.blockers;
  if (head) {
    await tracker.apply({
      kind: "status",
      sha: head,
      context: STATUS_CONTEXT,
      state: holding.length > 0 ? "failure" : "success",
      description: (holding.length > 0 ? `Blocked: ${holding[0]!.message}` : "No blockers").slice(0, 140),
    });
  }
  const escalated = report.events.find((e) => e.event === "blockers_escalated");
  if (!escalated) return;
  const projection = await tracker.readProjection(handle.plan.id);
  const dashboard = projection.issues.find((i) => parseMarker(i.body)?.kind === "dashboard");
  if (!dashboard) return;
  await tracker.apply({
    kind: "create-comment",
    issue: dashboard.number,
    marker: escalationMarker(handle.plan.id, escalated.seq),
    body: renderEscalationComment(handle.plan, holding, report.escalated, escalated.seq, ownersOf(escalated.details)),
  });
}

/** The owners the escalation recorded (logins and `@org/team`), strings only. */
function ownersOf(details: Record<string, unknown>): string[] {
  return Array.isArray(details.owners) ? details.owners.filter((o): o is string => typeof o === "string") : [];
}
