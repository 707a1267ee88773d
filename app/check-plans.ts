import {
  checkPlanFiles,
  logPath,
  MilestoneHandle,
  milestoneIdOf,
  PLAN_DIRS,
  planCandidatePaths,
  PlanError,
  renderPlanCheck,
  SETTINGS_PATH,
  sync,
  type PlanCheckFile,
  type Repo,
} from "../core/index.js";
import { ensureCheckRun } from "./ensure-check-run.js";
import type { Delivery } from "./open-delivery.js";

/** Plan files among changed paths: `.milestones/<id>.yaml` (and the original protocol's folders), not logs. */
export function planPaths(paths: Iterable<string>): string[] {
  const dirs = new Set<string>(PLAN_DIRS);
  const out = [...paths].filter((p) => /\.ya?ml$/.test(p) && dirs.has(p.slice(0, p.lastIndexOf("/"))));
  return [...new Set(out)].sort();
}

/**
 * The `phasegate/plan` check of commit `sha`: each plan file read at `sha` through the API (fork
 * code is never run) and validated by the core's checkPlanFiles, as `phasegate validate` does; for a
 * valid one, the sync's dry run as if `sha` were the default branch, so the summary previews exactly
 * what merging will create, change and close. Returns the paths that passed: the plans a push may sync.
 */
export async function checkPlans(d: Delivery, sha: string, paths: string[]): Promise<string[]> {
  // With the plans' first read, what the check reads next: the settings, and the first plan's milestone
  // branch with its plan and log (whose state the preview starts from). One query, not three (ADR 36).
  const first = paths[0] === undefined ? undefined : milestoneIdOf(paths[0]);
  const snapshot = await d.ports.repo.snapshot(sha, {
    paths: [SETTINGS_PATH],
    ...(first !== undefined && {
      then: { branch: `milestone/${first}`, paths: [...planCandidatePaths(first), logPath(first)] },
    }),
  });
  const files: PlanCheckFile[] = [];
  // The check the CLI and the Action run: schema, symlinked and ambiguous plans, required milestones.
  for (const { path, plan, issues } of await checkPlanFiles(snapshot, paths)) {
    if (!plan) {
      files.push({ path, issues });
      continue;
    }
    const ctx = { ...d.ctx, repo: atCommit(d.ports.repo, sha) };
    try {
      // With `.github/phasegate.yml` as of `sha` too: its problems are the check's, at file:line.
      const handle = await MilestoneHandle.open(ctx, milestoneIdOf(path), "check");
      const report = await sync(ctx, handle, { dryRun: true });
      files.push({
        path,
        issues: [...issues, ...handle.issues.filter((i) => i.file !== path)],
        preview: report.writes,
      });
    } catch (error) {
      if (!(error instanceof PlanError)) throw error;
      files.push({ path, issues: [...issues, ...error.issues.filter((i) => i.file !== path)] });
    }
  }
  // Only removed plans: nothing to check at the head.
  if (files.length > 0) await ensureCheckRun(d, renderPlanCheck(sha, files));
  return files.filter((f) => !f.issues.some((i) => i.severity === "error")).map((f) => f.path);
}

/**
 * The repository as if commit `sha` were its default branch; read-only. Hints pass through: the
 * milestone branch's plan and log come in one query, and the delivery's snapshot of `sha` (read by
 * the check already) is not read again (ADR 36).
 */
function atCommit(repo: Repo, sha: string): Repo {
  return {
    defaultBranch: async () => sha,
    snapshot: (ref, hint) => repo.snapshot(ref, hint),
    work: (branch, hint) => repo.work(branch, hint),
    write: () => Promise.reject(new Error("a plan check never writes")),
  };
}
