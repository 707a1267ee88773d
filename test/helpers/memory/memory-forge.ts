import type { ConflictReport, Forge, Permission } from "../../../core/index.js";

/** `Forge` in memory: permissions and teams set by the test, conflicts as told. */
export class MemoryForge implements Forge {
  readonly permissions = new Map<string, Permission | "none">();
  readonly teams = new Map<string, Set<string>>();
  conflicts: ConflictReport = { items: [], summary: "no conflicts" };
  reads = 0;

  constructor(permissions: Record<string, Permission | "none"> = {}) {
    for (const [user, permission] of Object.entries(permissions)) this.permissions.set(user.toLowerCase(), permission);
  }

  async getPermission(user: string): Promise<Permission | "none"> {
    this.reads += 1;
    return this.permissions.get(user.toLowerCase()) ?? "none";
  }

  /** `@org/team` or `org/team`, as GitHub's adapter reads it; a malformed name cannot be known. */
  async isTeamMember(team: string, user: string): Promise<boolean | undefined> {
    this.reads += 1;
    const [org, slug] = team.replace(/^@/, "").split("/");
    if (!org || !slug) return undefined;
    return this.teams.get(`${org}/${slug}`.toLowerCase())?.has(user.toLowerCase()) ?? false;
  }

  async findConflicts(): Promise<ConflictReport> {
    return this.conflicts;
  }
}
