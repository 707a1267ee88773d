import type { CheckState, ConflictReport, Forge, Permission } from "../../../core/index.js";

/** `Forge` in memory: permissions and teams set by the test, checks and conflicts as told. */
export class MemoryForge implements Forge {
  readonly permissions = new Map<string, Permission | "none">();
  readonly teams = new Map<string, Set<string>>();
  checks: CheckState = { state: "unknown", summary: "no checks" };
  conflicts: ConflictReport = { items: [], summary: "no conflicts" };
  reads = 0;

  constructor(permissions: Record<string, Permission | "none"> = {}) {
    for (const [user, permission] of Object.entries(permissions)) this.permissions.set(user.toLowerCase(), permission);
  }

  async getPermission(user: string): Promise<Permission | "none"> {
    this.reads += 1;
    return this.permissions.get(user.toLowerCase()) ?? "none";
  }

  async isTeamMember(team: string, user: string): Promise<boolean | undefined> {
    this.reads += 1;
    return this.teams.get(team)?.has(user.toLowerCase()) ?? false;
  }

  async getCheckState(): Promise<CheckState> {
    return this.checks;
  }

  async findConflicts(): Promise<ConflictReport> {
    return this.conflicts;
  }

  async getDiskUsage(): Promise<number | undefined> {
    return undefined;
  }
}
