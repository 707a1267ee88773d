import { authorizeApprover } from "../commands/authorize-approver.js";
import { CommandRefused } from "../commands/command-refused.js";
import type { Plan } from "../plan/plan.js";
import type { Snapshot } from "../ports.js";
import { describeRule, gateRule } from "../plan/approval-rule.js";
import { evaluateGate } from "../rules/evaluate-gate.js";
import { explainGate } from "../rules/explain-gate.js";
import type { Context } from "./context.js";
import { findPlan } from "./find-plan.js";
import { gatherGateFacts } from "./gather-gate-facts.js";
import type { MilestoneHandle } from "./milestone-handle.js";
import { parseCached } from "./open-plan.js";
import { approvalPolicy, gatePhase } from "./approval-policy.js";
import { readRepositorySettings } from "./read-repository-settings.js";
import { requirePlanTask } from "./require-active-phase.js";

export interface ExplainInput {
  taskId: string;
  phase?: string;
  /** Judge the rule of the plan (and CODEOWNERS) on this branch or commit instead of the default branch's. */
  planRef?: string;
}

export interface Explanation {
  task: string;
  phase: string;
  /** Where the rule came from: the default branch, or the ref simulated. */
  plan_ref: string;
  rule: string;
  source: string;
  passed: boolean;
  line: string;
  /** Approvals of the deliverables as they validated last, and those that no longer count. */
  approvals: string[];
  stale: string[];
  /** The actor: may they approve, and would the gate pass with their approval. */
  actor: { login: string; may_approve: boolean; reason: string; would_pass: boolean };
}

/**
 * A dry run of a gate's rule against the current log: what counts, what is missing, whether the
 * actor may approve and whether that would pass it. With `planRef`, the plan and CODEOWNERS of that
 * branch are used (a change to the rules, before it is merged). Writes nothing.
 */
export async function explainTask(ctx: Context, handle: MilestoneHandle, input: ExplainInput): Promise<Explanation> {
  const { plan, snapshot } = input.planRef
    ? await planAt(ctx, handle, input.planRef)
    : { plan: handle.plan, snapshot: handle.planSnapshot };
  const task = requirePlanTask("explain", plan, input.taskId);
  const t = handle.state.tasks.find((s) => s.id === task.id);
  if (!t)
    throw new CommandRefused("explain", `${task.id} is new on ${input.planRef}: the log knows nothing of it yet`, {
      code: "no-task",
    });
  const phase = gatePhase(task, t, input.phase);
  if (input.phase && phase.id !== input.phase)
    throw new CommandRefused("explain", `${task.id} has no phase ${input.phase}`, { code: "unknown-phase" });
  const p = t.phases.find((s) => s.id === phase.id);
  const fits = (digest: string) => phase.onChange === "keep" || !p?.validatedDigest || digest === p.validatedDigest;
  const approvals = (p?.approvals ?? []).filter((a) => fits(a.digest)).map((a) => a.by);
  const stale = [...(p?.approvals ?? []).filter((a) => !fits(a.digest)).map((a) => a.by), ...(p?.revoked ?? [])];
  const facts = await gatherGateFacts(ctx, plan, snapshot, task, phase, t, [...approvals, ctx.actor]);
  const rule = gateRule(plan, task, phase);
  const verdict = evaluateGate(rule, approvals, facts);
  const isSelf = facts.authors.has(ctx.actor.toLowerCase());
  const auth = authorizeApprover(
    { actor: ctx.actor, permission: await ctx.forge.getPermission(ctx.actor) },
    approvalPolicy(plan, task, phase, isSelf),
    facts,
  );
  const withActor = evaluateGate(rule, [...new Set([...approvals, ctx.actor])], facts).passed && auth.ok;
  return {
    task: task.id,
    phase: phase.id,
    plan_ref: input.planRef ?? handle.defaultBranch,
    rule: describeRule(rule),
    source: rule.source,
    passed: phase.approvalRequired && verdict.passed,
    line: phase.approvalRequired ? explainGate(verdict, stale) : "no approval gate",
    approvals,
    stale,
    actor: {
      login: ctx.actor,
      may_approve: auth.ok,
      reason: auth.ok ? `may approve as ${auth.role}` : `${auth.reason} (who can: ${auth.whoCan})`,
      would_pass: phase.approvalRequired && withActor,
    },
  };
}

/** The text of an explanation for a terminal or a comment. */
export function renderExplanation(e: Explanation): string {
  const actor = e.actor.may_approve
    ? `${e.actor.login} ${e.actor.reason}; their approval would ${e.actor.would_pass ? "pass the gate" : "count, but not pass it yet"}`
    : `${e.actor.login} cannot approve: ${e.actor.reason}`;
  return `${e.task} ${e.phase} gate (rule from ${e.plan_ref}): ${e.line}\n${actor}\n`;
}

async function planAt(ctx: Context, handle: MilestoneHandle, ref: string): Promise<{ plan: Plan; snapshot: Snapshot }> {
  const snapshot = await ctx.repo.snapshot(ref);
  const file = await findPlan(snapshot, handle.plan.id);
  if (!file) throw new CommandRefused("explain", `no plan for ${handle.plan.id} on ${ref}`, { code: "no-plan" });
  const settings = await readRepositorySettings(ctx, snapshot);
  const { plan, issues } = await parseCached(ctx, file, settings);
  if (!plan) {
    const first = issues.find((i) => i.severity === "error");
    throw new CommandRefused("explain", `the plan on ${ref} is not valid: ${first?.message ?? "see validate"}`, {
      code: "plan-invalid",
      whoCan: `run \`phasegate validate\` on ${ref}`,
    });
  }
  return { plan, snapshot };
}
