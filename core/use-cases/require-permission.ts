import type { Permission } from "../plan/plan.js";
import { hasPermission } from "../commands/authorize-approver.js";
import { CommandRefused } from "../commands/command-refused.js";
import type { Context } from "./context.js";

/**
 * Refuse `command` unless the actor has at least `min` on the repository, asked through the forge
 * (the collaborator-permission API on GitHub, never `author_association`). Milestone-wide commands
 * from comments (`/activate`, `/pause`, `/resume`, `/scan`, `/sync`) need write access.
 */
export async function requirePermission(ctx: Context, command: string, min: Permission = "write"): Promise<void> {
  const permission = await ctx.forge.getPermission(ctx.actor);
  if (!hasPermission(permission, min)) {
    throw new CommandRefused(command, `${ctx.actor} has ${permission} access; ${command} needs ${min}`, {
      code: "permission",
      whoCan: `a collaborator with ${min} access`,
    });
  }
}
