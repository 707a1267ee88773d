import type { ActorFacts } from "../commands/authorize-approver.js";
import type { Context } from "./context.js";

/** Ask the forge for the actor's permission and their membership of every team in `approvers`. */
export async function gatherActorFacts(ctx: Context, approvers: string[]): Promise<ActorFacts> {
  const teams = new Map<string, boolean | undefined>();
  const [permission] = await Promise.all([
    ctx.forge.getPermission(ctx.actor),
    ...approvers
      .filter((a) => a.startsWith("@") && a.includes("/"))
      .map(async (team) => teams.set(team, await ctx.forge.isTeamMember(team, ctx.actor))),
  ]);
  return { actor: ctx.actor, permission, teams };
}
