import type {
  Clock,
  Comment,
  KnownProjection,
  Projection,
  PullRequestInfo,
  TrackedIssue,
  TrackedMilestone,
  Tracker,
  TrackerOp,
  TrackerResult,
} from "../core/index.js";
import { LABEL_PREFIX, milestoneMarker, parseMarker } from "../core/index.js";
import type { RepoLocation } from "./blob-store.js";
import { applyTrackerOp } from "./apply-tracker-op.js";
import type { GitHubClient } from "./github-client.js";
import { GitHubError } from "./github-error.js";
import { acquireSyncLease } from "./sync-lease.js";
import { toComment, toTrackedIssue, toTrackedLabel, toTrackedMilestone, type Json } from "./map-tracked.js";

export interface GitHubTrackerOptions extends RepoLocation {
  client: GitHubClient;
  clock: Clock;
}

/**
 * `Tracker` over GitHub's issues, milestones, labels, links, comments, check runs and statuses. Reads
 * are whole paginated lists (revalidated with ETags, so an unchanged list costs 304s); creates carry
 * a marker and are looked up by it before being sent again.
 */
export class GitHubTracker implements Tracker {
  private readonly client: GitHubClient;
  private readonly at: RepoLocation;
  private readonly clock: Clock;

  constructor(options: GitHubTrackerOptions) {
    this.client = options.client;
    this.clock = options.clock;
    this.at = { owner: options.owner, repo: options.repo };
  }

  /** The milestone whose description carries the marker, the issues carrying it, every label. */
  async readProjection(milestoneId: string, known: KnownProjection = {}): Promise<Projection> {
    const marker = milestoneMarker(milestoneId);
    const found = known.milestone?.description.includes(marker) ? known.milestone : await this.findMilestone(marker);
    // In the milestone when it exists; the `phasegate` label finds them before it does (or after a user moved one).
    const query = found ? { milestone: String(found.number) } : { labels: LABEL_PREFIX };
    const listed = await this.client.paginate<Json>("GET /repos/{owner}/{repo}/issues", {
      ...this.at,
      ...query,
      state: "all",
    });
    // Before creating issues: also the `phasegate` label's issues, which finds one moved out of the milestone.
    const extra =
      found && known.thorough
        ? await this.client.paginate<Json>("GET /repos/{owner}/{repo}/issues", {
            ...this.at,
            labels: LABEL_PREFIX,
            state: "all",
          })
        : [];
    const issues = [...listed, ...extra.filter((i) => !listed.some((l) => l.number === i.number))];
    const labels =
      known.labels ?? (await this.client.paginate<Json>("GET /repos/{owner}/{repo}/labels", { ...this.at }));
    return {
      ...(found && { milestone: found }),
      issues: issues
        .filter((i) => belongsTo(i, milestoneId))
        .map(toTrackedIssue)
        .sort((a, b) => a.number - b.number),
      labels: known.labels ?? labels.map(toTrackedLabel),
    };
  }

  private async findMilestone(marker: string): Promise<TrackedMilestone | undefined> {
    const milestones = await this.client.paginate<Json>("GET /repos/{owner}/{repo}/milestones", {
      ...this.at,
      state: "all",
    });
    const found = milestones.find((m) => String(m.description ?? "").includes(marker));
    return found && toTrackedMilestone(found);
  }

  async getIssue(number: number): Promise<TrackedIssue | undefined> {
    try {
      const { data } = await this.client.request<Json>("GET /repos/{owner}/{repo}/issues/{issue_number}", {
        ...this.at,
        issue_number: number,
      });
      return toTrackedIssue(data);
    } catch (error) {
      if (error instanceof GitHubError && (error.status === 404 || error.status === 410)) return undefined;
      throw error;
    }
  }

  /** https://docs.github.com/rest/issues/issue-dependencies#list-dependencies-an-issue-is-blocked-by */
  async listBlockedBy(number: number): Promise<number[]> {
    const issues = await this.client.paginate<Json>(
      "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by",
      { ...this.at, issue_number: number },
    );
    return issues.map((i) => i.number as number);
  }

  /** https://docs.github.com/rest/pulls/pulls#list-pull-requests-files */
  async listPullRequestFiles(number: number, options: { removed?: boolean } = {}): Promise<string[]> {
    const route = "GET /repos/{owner}/{repo}/pulls/{pull_number}/files";
    const files = await this.client.paginate<Json>(route, { ...this.at, pull_number: number });
    if (!options.removed) return files.filter((f) => f.status !== "removed").map((f) => String(f.filename));
    return files.flatMap((f) => [String(f.filename), ...(f.previous_filename ? [String(f.previous_filename)] : [])]);
  }

  /** https://docs.github.com/rest/pulls/pulls#get-a-pull-request */
  async getPullRequest(number: number): Promise<PullRequestInfo | undefined> {
    try {
      const { data } = await this.client.request<Json>("GET /repos/{owner}/{repo}/pulls/{pull_number}", {
        ...this.at,
        pull_number: number,
      });
      return toPullRequestInfo(data);
    } catch (error) {
      if (error instanceof GitHubError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** https://docs.github.com/rest/pulls/pulls#list-pull-requests */
  async listOpenPullRequests(options: { base?: string; max: number }): Promise<PullRequestInfo[]> {
    const pulls = await this.client.paginate<Json>(
      "GET /repos/{owner}/{repo}/pulls",
      {
        ...this.at,
        state: "open",
        sort: "updated",
        direction: "desc",
        per_page: Math.max(1, Math.min(100, options.max)),
        ...(options.base !== undefined && { base: options.base }),
      },
      undefined,
      options.max,
    );
    return pulls.slice(0, options.max).map(toPullRequestInfo);
  }

  /** https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference */
  async listCheckRuns(
    sha: string,
    name: string,
  ): Promise<{ conclusion: string | null; title: string | null; summary: string | null }[]> {
    const route = "GET /repos/{owner}/{repo}/commits/{ref}/check-runs";
    const runs = await this.client.paginate<Json>(route, { ...this.at, ref: sha, check_name: name }, "check_runs");
    return runs.map((r) => ({
      conclusion: r.conclusion ?? null,
      title: r.output?.title ?? null,
      summary: r.output?.summary ?? null,
    }));
  }

  async listComments(number: number, options: { since?: string } = {}): Promise<Comment[]> {
    const comments = await this.client.paginate<Json>("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      ...this.at,
      issue_number: number,
      ...(options.since !== undefined && { since: options.since }),
    });
    return comments.map(toComment);
  }

  /** See sync-lease.ts: a ref created atomically, taken over when its holder's time is up. */
  acquireLease(milestoneId: string, ttlMs: number): Promise<{ release(): Promise<void> } | undefined> {
    return acquireSyncLease(this.client, this.at, this.clock, milestoneId, ttlMs);
  }

  apply(op: TrackerOp): Promise<TrackerResult> {
    return applyTrackerOp(this.client, this.at, op);
  }
}

/** The issue's marker names this milestone (a task or its dashboard). */
export function belongsTo(issue: Json, milestoneId: string): boolean {
  const marker = parseMarker(String(issue.body ?? ""));
  return (marker?.kind === "task" || marker?.kind === "dashboard") && marker.milestone === milestoneId;
}

/** A pull request of the REST API (get or list) as the port's PullRequestInfo. */
function toPullRequestInfo(data: Json): PullRequestInfo {
  const base = data.base?.repo?.full_name;
  return {
    number: Number(data.number),
    sha: String(data.head?.sha ?? ""),
    base: String(data.base?.ref ?? ""),
    body: String(data.body ?? ""),
    author: String(data.user?.login ?? ""),
    fork: typeof base === "string" && data.head?.repo?.full_name !== base,
    state: data.state === "closed" ? "closed" : "open",
  };
}
