import type { Context as ProbotContext } from "probot";
import { findBranchMilestones, MilestoneHandle } from "../../core/index.js";
import { advanceMilestone } from "../advance-milestone.js";
import type { AppDeps } from "../app-deps.js";
import { openDelivery } from "../open-delivery.js";
import { runScan } from "../run-scan.js";

type CiEvent = "check_suite.completed" | "check_run.completed" | "status";

/** Conclusions that mean the branch is broken (neutral, skipped and success do not). */
const FAILING = new Set(["failure", "timed_out", "action_required", "error", "cancelled"]);

/**
 * CI finished on some commit: when it failed on a milestone branch's head, run the core's scan, which
 * records and escalates the blocker once (product.md §7); when it passed, the milestone advances (an
 * execute phase may have waited for green CI). Phasegate's own checks and status are
 * ignored, so its answer to a blocker never counts as one.
 */
export async function handleCi(context: ProbotContext<CiEvent>, deps: AppDeps): Promise<void> {
  const facts = readCiEvent(context.payload as CiPayload);
  if (!facts || /^phasegate(\/|$)/.test(facts.name)) return;
  const failing = FAILING.has(facts.conclusion);
  if (!failing && facts.conclusion !== "success") return;
  const d = await openDelivery(context, deps, "phasegate");
  for (const branch of facts.branches.filter(Boolean)) {
    for (const id of await findBranchMilestones(d.ctx, branch)) {
      if (!failing) {
        // Green CI may be all an execute phase waited for.
        await advanceMilestone(d, id);
        continue;
      }
      const handle = await MilestoneHandle.open(d.ctx, id, "scan");
      if (handle.work.revision?.commit !== facts.sha) continue; // an old commit: its head decides
      await runScan(d, handle);
    }
  }
}

interface CiPayload {
  check_suite?: { conclusion: string | null; head_sha: string; head_branch: string | null; app?: { slug?: string } };
  check_run?: {
    conclusion: string | null;
    head_sha: string;
    name: string;
    check_suite?: { head_branch: string | null };
  };
  state?: string;
  sha?: string;
  context?: string;
  branches?: { name: string }[];
}

function readCiEvent(p: CiPayload): { conclusion: string; sha: string; name: string; branches: string[] } | undefined {
  if (p.check_suite)
    return {
      conclusion: p.check_suite.conclusion ?? "",
      sha: p.check_suite.head_sha,
      name: p.check_suite.app?.slug ?? "",
      branches: [p.check_suite.head_branch ?? ""],
    };
  if (p.check_run)
    return {
      conclusion: p.check_run.conclusion ?? "",
      sha: p.check_run.head_sha,
      name: p.check_run.name,
      branches: [p.check_run.check_suite?.head_branch ?? ""],
    };
  if (p.sha && p.state)
    return { conclusion: p.state, sha: p.sha, name: p.context ?? "", branches: (p.branches ?? []).map((b) => b.name) };
  return undefined;
}
