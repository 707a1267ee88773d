import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { checkpointRemote, markdownText, MilestoneHandle } from "../../core/index.js";
import { runGit } from "../../local/git.js";
import { LocalRepo } from "../../local/local-repo.js";
import type { ApiContext } from "../api-context.js";
import type { Outcome } from "../outcome.js";

export interface CheckpointCommandInput {
  milestone: string;
  minChanges?: number;
  message?: string;
  workdir: string;
}

/**
 * The job's work in progress, the `auto_commit` event and a session snapshot as ONE commit on the
 * milestone branch through the git data API (signed by GitHub; it triggers CI when made with an App
 * token). The checkout is only read: its changed files (git-ignored and secret-looking ones never),
 * compared with what it was based on, so a file someone else changed on the branch since is refused,
 * never overwritten. The commit is remembered in the git directory: the next checkpoint of this job
 * is based on it.
 */
export async function checkpointOnGitHub(ctx: ApiContext, input: CheckpointCommandInput): Promise<Outcome> {
  const tree = await LocalRepo.open(input.workdir);
  const handle = await MilestoneHandle.open({ ...ctx, workTree: tree }, input.milestone, "checkpoint");
  const record = await recordFile(tree.root, input.milestone);
  const last = (await readFile(record, "utf8").catch(() => "")).trim();
  const base = /^[0-9a-f]{40}$/.test(last) ? await ctx.repo.snapshot(last) : await tree.snapshot("HEAD");
  const result = await checkpointRemote({ ...ctx, workTree: tree }, handle, {
    base,
    ...(input.minChanges !== undefined && { minChanges: input.minChanges }),
    ...(input.message !== undefined && { message: input.message }),
  });
  const skipped =
    result.skipped.length > 0 ? [`not committed (secret-looking or binary): ${result.skipped.join(", ")}`] : [];
  if (!result.committed) {
    return {
      outputs: { commit: "" },
      summary: `## Phasegate checkpoint: \`${input.milestone}\`\n\nNo commit: ${markdownText(result.reason)}.\n`,
      warnings: skipped,
    };
  }
  await mkdir(join(record, ".."), { recursive: true });
  await writeFile(record, result.commit + "\n");
  const branch = handle.plan.branch;
  return {
    outputs: { commit: result.commit },
    summary: [
      `## Phasegate checkpoint: \`${input.milestone}\``,
      "",
      `Committed ${result.files.length} file${result.files.length === 1 ? "" : "s"}, the log and a session snapshot to \`${branch}\` as \`${result.commit.slice(0, 7)}\`:`,
      "",
      ...result.files.slice(0, 100).map((f) => `- \`${markdownText(f)}\``),
      "",
    ].join("\n"),
    warnings: skipped,
  };
}

/** Inside the git directory (never committed, never in the work tree): the last checkpoint's commit. */
async function recordFile(root: string, milestone: string): Promise<string> {
  const gitDir = await runGit(root, ["rev-parse", "--absolute-git-dir"]); // through runGit, like every git call: no hooks
  return join(gitDir.trim(), "phasegate", "checkpoints", milestone);
}
