import type { CheckState, ConflictReport, Forge, Permission } from "../core/index.js";
import type { RepoLocation } from "./blob-store.js";
import type { GitHubClient } from "./github-client.js";
import { GitHubError } from "./github-error.js";
import type { Json } from "./map-tracked.js";

export interface GitHubForgeOptions extends RepoLocation {
  client: GitHubClient;
  /** At most this many pull requests are read one by one for `mergeable` (default 10). */
  maxPullReads?: number;
}

const ROLES: readonly Permission[] = ["read", "triage", "write", "maintain", "admin"];
/** Phasegate's own checks say nothing about the branch's health. */
const OWN = /^phasegate(\/|$)/;

/** `Forge` over GitHub: permissions, teams, checks and pull request conflicts. */
export class GitHubForge implements Forge {
  private readonly client: GitHubClient;
  private readonly at: RepoLocation;
  private readonly maxPullReads: number;

  constructor(options: GitHubForgeOptions) {
    this.client = options.client;
    this.at = { owner: options.owner, repo: options.repo };
    this.maxPullReads = options.maxPullReads ?? 10;
  }

  /**
   * The role through the API, never `author_association`
   * (https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user).
   */
  async getPermission(user: string): Promise<Permission | "none"> {
    const data = await this.getOrUndefined("GET /repos/{owner}/{repo}/collaborators/{username}/permission", {
      ...this.at,
      username: user,
    });
    const role = String(data?.role_name ?? data?.permission ?? "none");
    const legacy: Record<string, Permission> = { pull: "read", push: "write" };
    return ROLES.find((r) => r === role) ?? legacy[role] ?? "none";
  }

  /** `@org/team` or `org/team` (https://docs.github.com/rest/teams/members#get-team-membership-for-a-user). */
  async isTeamMember(team: string, user: string): Promise<boolean | undefined> {
    const [org, slug] = team.replace(/^@/, "").split("/");
    if (!org || !slug) return undefined;
    const route = "GET /orgs/{org}/teams/{team_slug}/memberships/{username}";
    const data = await this.getOrUndefined(route, { org, team_slug: slug, username: user });
    return data?.state === "active";
  }

  /** The combined status and the check runs of the branch head, without Phasegate's own. */
  async getCheckState(branch: string): Promise<CheckState> {
    const head = await this.checksOf(branch);
    if (!head) return { state: "unknown", summary: `branch ${branch} not found` };
    if (head.length > 0) return verdictOf(head);
    // No checks on the head: if it is one of Phasegate's own step commits (made with a token that
    // starts no CI), the checks of the work it sits on still tell.
    const work = await this.workCommit(branch);
    return verdictOf(work ? ((await this.checksOf(work)) ?? []) : []);
  }

  private async checksOf(ref: string): Promise<{ name: string; verdict: string }[] | undefined> {
    const combined = await this.getOrUndefined("GET /repos/{owner}/{repo}/commits/{ref}/status", { ...this.at, ref });
    if (!combined) return undefined;
    const route = "GET /repos/{owner}/{repo}/commits/{ref}/check-runs";
    const runs = await this.client.paginate<Json>(route, { ...this.at, ref }, "check_runs");
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
    const commits = await this.getOrUndefined("GET /repos/{owner}/{repo}/commits", {
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

  /**
   * Open pull requests into the branch that cannot merge. The list omits `mergeable`, so up to
   * `maxPullReads` are read one by one (https://docs.github.com/rest/pulls/pulls#get-a-pull-request).
   */
  async findConflicts(branch: string): Promise<ConflictReport> {
    const pulls = await this.client.paginate<Json>("GET /repos/{owner}/{repo}/pulls", {
      ...this.at,
      base: branch,
      state: "open",
    });
    const items: string[] = [];
    for (const pull of pulls.slice(0, this.maxPullReads)) {
      const full = typeof pull.mergeable === "boolean" ? pull : await this.readPull(pull.number);
      if (full?.mergeable === false) items.push(`#${pull.number}`);
    }
    const unread = Math.max(0, pulls.length - this.maxPullReads);
    const more = unread ? ` (${unread} more not checked)` : "";
    const summary = items.length ? `conflicts in ${items.join(", ")}${more}` : `no conflicts${more}`;
    return { items, summary };
  }

  async getDiskUsage(): Promise<number | undefined> {
    return undefined;
  }

  private readPull(number: number): Promise<Json | undefined> {
    return this.getOrUndefined("GET /repos/{owner}/{repo}/pulls/{pull_number}", { ...this.at, pull_number: number });
  }

  private async getOrUndefined(route: string, params: Record<string, unknown>): Promise<Json | undefined> {
    try {
      return (await this.client.request<Json>(route, params)).data;
    } catch (error) {
      if (error instanceof GitHubError && (error.status === 404 || error.status === 422)) return undefined;
      throw error;
    }
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
