import type { MilestoneState, TaskState } from "../events/state.js";
import type { Plan } from "../plan/plan.js";
import type { Snapshot } from "../ports.js";
import { gateRule } from "../plan/approval-rule.js";
import { evaluateGate, type GateVerdict } from "../rules/evaluate-gate.js";
import { explainGate } from "../rules/explain-gate.js";
import type { Context } from "./context.js";
import { gatherGateFacts } from "./gather-gate-facts.js";

export interface GateExplanation {
  taskId: string;
  phase: string;
  verdict: GateVerdict;
  /** Approvers whose approval was of other deliverables than those validated last. */
  stale: string[];
  line: string;
}

/** What the gates are explained on (a MilestoneHandle): its plan, state and the plan's snapshot. */
export interface GatedMilestone {
  readonly plan: Plan;
  readonly state: MilestoneState;
  readonly planSnapshot: Snapshot;
}

/**
 * Why each gate that waits is blocked, in one line per task: the gates of active phases whose
 * deliverables validated, judged on the approvals of exactly those deliverables (memberships asked
 * once per context). `only`: just these tasks.
 */
export async function explainGates(
  ctx: Context,
  handle: GatedMilestone,
  only?: ReadonlySet<string>,
): Promise<Map<string, GateExplanation>> {
  const out = new Map<string, GateExplanation>();
  const plan = handle.plan;
  await Promise.all(
    plan.tasks.map(async (task, i) => {
      const t = handle.state.tasks[i] as TaskState;
      if (only && !only.has(task.id)) return;
      const phase = task.phases.find((p) => p.id === t.phase);
      const p = t.phases.find((s) => s.id === t.phase);
      if (t.status !== "in_progress" || !phase?.approvalRequired || p?.status !== "active" || !p.validatedDigest)
        return;
      const fits = (digest: string) => phase.onChange === "keep" || digest === p.validatedDigest;
      const approvers = p.approvals.filter((a) => fits(a.digest)).map((a) => a.by);
      const stale = [...p.approvals.filter((a) => !fits(a.digest)).map((a) => a.by), ...(p.revoked ?? [])];
      const facts = await gatherGateFacts(ctx, plan, handle.planSnapshot, task, phase, t, approvers);
      const verdict = evaluateGate(gateRule(plan, task, phase), approvers, facts);
      out.set(task.id, { taskId: task.id, phase: phase.id, verdict, stale, line: explainGate(verdict, stale) });
    }),
  );
  return out;
}
