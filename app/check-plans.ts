import {
  MilestoneHandle,
  milestoneIdOf,
  parsePlan,
  PLAN_DIRS,
  renderPlanCheck,
  sync,
  type PlanCheckFile,
  type Repo,
} from "../core/index.js";
import { applySettings } from "./apply-settings.js";
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
 * code is never run) and validated; for a valid one, the sync's dry run as if `sha` were the default
 * branch, so the summary previews exactly what merging will create, change and close.
 */
export async function checkPlans(d: Delivery, sha: string, paths: string[]): Promise<void> {
  const snapshot = await d.ports.repo.snapshot(sha);
  const files: PlanCheckFile[] = [];
  for (const path of paths) {
    const file = await snapshot.read(path);
    if (!file) continue;
    const { plan, issues } = parsePlan(file.text, path);
    if (!plan || issues.some((i) => i.severity === "error")) {
      files.push({ path, issues });
      continue;
    }
    const ctx = { ...d.ctx, repo: atCommit(d.ports.repo, sha) };
    const handle = await MilestoneHandle.open(ctx, milestoneIdOf(path), "check");
    await applySettings(handle, d);
    const report = await sync(ctx, handle, { dryRun: true, labels: d.settings.labels });
    files.push({ path, issues, preview: report.writes });
  }
  await ensureCheckRun(d, renderPlanCheck(sha, files));
}

/** The repository as if commit `sha` were its default branch; read-only. */
function atCommit(repo: Repo, sha: string): Repo {
  return {
    defaultBranch: async () => sha,
    snapshot: (ref) => repo.snapshot(ref),
    work: (branch) => repo.work(branch),
    write: () => Promise.reject(new Error("a plan check never writes")),
  };
}
