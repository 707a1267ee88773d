import type { BranchChecks, CheckState } from "../core/index.js";
import type { RepoLocation } from "./blob-store.js";
import type { GitHubClient } from "./github-client.js";
import { getOrUndefined } from "./get-or-undefined.js";
import type { Json } from "./map-tracked.js";

/** Phasegate's own checks say nothing about the branch's health. */
const OWN = /^phasegate(\/|$)/;

/** The CI signal on GitHub: the combined status and the check runs of a branch's head. */
export class GitHubChecks implements BranchChecks {
  readonly kind = "branch-checks";
  private readonly client: GitHubClient;
  private readonly at: RepoLocation;

  constructor(options: RepoLocation & { client: GitHubClient }) {
    this.client = options.client;
    this.at = { owner: options.owner, repo: options.repo };
  }

  /** The combined status and the check runs of the branch head, without Phasegate's own. */
  async checkState(branch: string): Promise<CheckState> {
    const head = await this.checksOf(branch);
    if (!head) return { state: "unknown", summary: `branch ${branch} not found` };
    if (head.length > 0) return verdictOf(head);
    // No checks on the head: if it is one of Phasegate's own step commits (made with a token that
    // starts no CI), the checks of the work it sits on still tell.
    const work = await this.workCommit(branch);
    return verdictOf(work ? ((await this.checksOf(work)) ?? []) : []);
  }

  private async checksOf(ref: string): Promise<{ name: string; verdict: string }[] | undefined> {
    const route = "GET /repos/{owner}/{repo}/commits/{ref}/status";
    const combined = await getOrUndefined(this.client, route, { ...this.at, ref });
    if (!combined) return undefined;
    const runsRoute = "GET /repos/{owner}/{repo}/commits/{ref}/check-runs";
    const runs = await this.client.paginate<Json>(runsRoute, { ...this.at, ref }, "check_runs");
    return [
      ...(combined.statuses ?? []).map((s: Json) => ({ name: String(s.context), verdict: statusVerdict(s.state) })),
      ...runs.map((r) => ({ name: String(r.name), verdict: runVerdict(r) })),
    ].filter((r) => !OWN.test(r.name));
  }

  /**
   * The newest commit of `branch` whose checks say something about the work: Phasegate's own step
   * commits (the log, session snapshots; message `phasegate(<milestone>): …`) are skipped, since CI
   * on them proves nothing new and a commit made with the Actions token runs no CI at all.
   */
  private async workCommit(branch: string): Promise<string | undefined> {
    const commits = await getOrUndefined(this.client, "GET /repos/{owner}/{repo}/commits", {
      ...this.at,
      sha: branch,
      per_page: 30,
    });
    if (!Array.isArray(commits) || commits.length === 0) return undefined;
    const step = (c: Json) => /^phasegate\([^)]*\): /.test(String(c.commit?.message ?? ""));
    if (!step(commits[0])) return undefined; // the head is work: its lack of checks is the answer
    const work = commits.find((c: Json) => !step(c));
    return work ? String(work.sha) : undefined;
  }
}

function statusVerdict(state: string): "success" | "failure" | "pending" {
  return state === "success" ? "success" : state === "pending" ? "pending" : "failure";
}

function runVerdict(run: Json): "success" | "failure" | "pending" {
  if (run.status !== "completed") return "pending";
  return ["success", "neutral", "skipped"].includes(run.conclusion) ? "success" : "failure";
}

function verdictOf(results: { name: string; verdict: string }[]): CheckState {
  if (results.length === 0) return { state: "unknown", summary: "no checks ran" };
  const failed = results.filter((r) => r.verdict === "failure").map((r) => r.name);
  const pending = results.filter((r) => r.verdict === "pending").map((r) => r.name);
  if (failed.length) return { state: "failure", summary: `failing: ${failed.join(", ")}` };
  if (pending.length) return { state: "pending", summary: `pending: ${pending.join(", ")}` };
  return { state: "success", summary: `${results.length} checks passed` };
}
