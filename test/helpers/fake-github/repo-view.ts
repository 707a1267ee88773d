/** `gh.repo(owner, repo)`: the repository's state as GitHub would show it, for assertions. */
import { checkRunJson } from "./checks.js";
import { commentJson, issueJson, labelJson, milestoneJson } from "./serialize.js";
import { seedCtx, DEFAULT_URLS } from "./seed.js";
import type { CommitStatus, Reaction, RepoState, World } from "./state.js";

export interface RepoView {
  defaultBranch: string;
  /** Issues and pull requests by number order, shaped like GET /issues/{n}. */
  issues: Record<string, any>[];
  labels: Record<string, any>[];
  milestones: Record<string, any>[];
  comments: Record<string, any>[];
  reactions: Reaction[];
  checkRuns: Record<string, any>[];
  statuses: CommitStatus[];
  /** Full ref name → commit sha. */
  refs: Record<string, string>;
  /** The raw state (mutable; for what the view does not show). */
  raw: RepoState;
}

export function viewRepo(world: World, repo: RepoState): RepoView {
  const ctx = seedCtx(world, repo.owner, repo.name, world.actor);
  return {
    defaultBranch: repo.defaultBranch,
    issues: [...repo.issues.values()]
      .sort((a, b) => a.number - b.number)
      .map((i) => issueJson(world, DEFAULT_URLS, repo, i)),
    labels: [...repo.labels.values()].map((l) => labelJson(DEFAULT_URLS, repo, l)),
    milestones: [...repo.milestones.values()].map((m) => milestoneJson(world, DEFAULT_URLS, repo, m)),
    comments: [...repo.comments.values()].map((c) => commentJson(world, DEFAULT_URLS, repo, c)),
    reactions: [...repo.reactions],
    checkRuns: [...repo.checkRuns.values()].map((r) => checkRunJson(ctx, repo, r)),
    statuses: [...repo.statuses],
    refs: Object.fromEntries([...repo.refs].sort(([a], [b]) => (a < b ? -1 : 1))),
    raw: repo,
  };
}
