import type { Plan } from "../plan/plan.js";
import type { PullRequestInfo, Tracker } from "../ports.js";
import { compilePattern } from "../rules/codeowners.js";
import { findTaskLink, type TaskLink } from "./check-phase.js";
import type { Context } from "./context.js";

/** An open pull request into the default branch that belongs to one of the tasks, with its touched paths when they were read. */
export interface TaskPull {
  pull: PullRequestInfo;
  changedFiles?: string[];
  /** Its link to a task as read here (null: none): the verdict needs it too. */
  link: TaskLink | null;
}

/**
 * The open pull requests into `base` that belong to `tasks` of `plan` the way the merge gate reads
 * it (decideMergeGate): linked to one of them (`Phasegate-Task:` or a closing keyword to its issue),
 * or touching a path of their `paths`. One list of at most `max` open pull requests, most recently
 * updated first; the touched paths are listed only when some task has `paths` and the pull request
 * is not linked. Nothing is read past that list when no pull request names a task and no task has paths.
 */
export async function findTaskPulls(
  ctx: Context & { tracker: Tracker },
  plan: Plan,
  tasks: readonly string[],
  options: { base: string; max: number },
): Promise<TaskPull[]> {
  const own = plan.tasks.filter((t) => tasks.includes(t.id));
  const matchers = own.flatMap((t) => (t.paths ?? []).map(compilePattern));
  const out: TaskPull[] = [];
  for (const pull of await ctx.tracker.listOpenPullRequests(options)) {
    const link = (await findTaskLink(pull.body, ctx.tracker)) ?? null;
    if (link?.milestone === plan.id && tasks.includes(link.task)) {
      out.push({ pull, link });
      continue;
    }
    if (matchers.length === 0) continue;
    const changedFiles = await ctx.tracker.listPullRequestFiles(pull.number, { removed: true });
    if (changedFiles.some((f) => matchers.some((re) => re.test(f)))) out.push({ pull, changedFiles, link });
  }
  return out;
}
