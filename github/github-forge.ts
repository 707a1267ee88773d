import type { ConflictReport, Forge, Permission } from "../core/index.js";
import type { ActorPermission } from "./actor-permission.js";
import type { RepoLocation } from "./blob-store.js";
import type { GitHubClient } from "./github-client.js";
import { getOrUndefined } from "./get-or-undefined.js";
import { rememberPromise } from "./remember-promise.js";
import type { Json } from "./map-tracked.js";

export interface GitHubForgeOptions extends RepoLocation {
  client: GitHubClient;
  /** At most this many pull requests are read one by one for `mergeable` (default 10). */
  maxPullReads?: number;
  /** The delivery's actor, whose permission the repository's first query reads along (ADR 30). */
  actor?: ActorPermission;
}

const ROLES: readonly Permission[] = ["read", "triage", "write", "maintain", "admin"];

/** `Forge` over GitHub: permissions, teams and pull request conflicts (checks: github-checks.ts). */
export class GitHubForge implements Forge {
  private readonly client: GitHubClient;
  private readonly at: RepoLocation;
  private readonly maxPullReads: number;
  private readonly actor: ActorPermission | undefined;
  /** Permissions asked in this adapter's life (one delivery, one Action run): each user once. */
  private readonly permissions = new Map<string, Promise<Permission | "none">>();

  constructor(options: GitHubForgeOptions) {
    this.client = options.client;
    this.at = { owner: options.owner, repo: options.repo };
    this.maxPullReads = options.maxPullReads ?? 10;
    this.actor = options.actor;
  }

  /**
   * The role through the API, never `author_association`: read along with the delivery's first
   * GraphQL query for its actor (ADR 30), else one REST read per user for the adapter's life
   * (https://docs.github.com/rest/collaborators/collaborators#get-repository-permissions-for-a-user).
   */
  getPermission(user: string): Promise<Permission | "none"> {
    const along = this.actor?.of(user);
    if (along) return Promise.resolve(along);
    return rememberPromise(this.permissions, user.toLowerCase(), () => this.readPermission(user));
  }

  private async readPermission(user: string): Promise<Permission | "none"> {
    const data = await getOrUndefined(this.client, "GET /repos/{owner}/{repo}/collaborators/{username}/permission", {
      ...this.at,
      username: user,
    });
    // `role_name` names maintain, triage and custom roles; a custom role counts as its base `permission`.
    const legacy: Record<string, Permission> = { pull: "read", push: "write" };
    const known = (role: unknown) => ROLES.find((r) => r === role) ?? legacy[String(role)];
    return known(data?.role_name) ?? known(data?.permission) ?? "none";
  }

  /** `@org/team` or `org/team` (https://docs.github.com/rest/teams/members#get-team-membership-for-a-user). */
  async isTeamMember(team: string, user: string): Promise<boolean | undefined> {
    const [org, slug] = team.replace(/^@/, "").split("/");
    if (!org || !slug) return undefined;
    const route = "GET /orgs/{org}/teams/{team_slug}/memberships/{username}";
    const data = await getOrUndefined(this.client, route, { org, team_slug: slug, username: user });
    return data?.state === "active";
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

  private readPull(number: number): Promise<Json | undefined> {
    return getOrUndefined(this.client, "GET /repos/{owner}/{repo}/pulls/{pull_number}", {
      ...this.at,
      pull_number: number,
    });
  }
}
