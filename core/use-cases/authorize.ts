import { COMMANDS, type CommandName } from "../commands/command-table.js";
import type { Context } from "./context.js";
import { requirePermission } from "./require-permission.js";

/**
 * Refuse `command` unless the actor has the permission the command table names, before anything
 * about the milestone's state is looked at or said: someone who may not act learns what they lack,
 * not what else is in the way. Gate commands (`approver`) are judged by the gate's policy, which
 * the use case checks first thing; read-only commands need nothing.
 */
export async function authorize(ctx: Context, command: CommandName): Promise<void> {
  const { needs } = COMMANDS[command];
  if (needs === "approver" || needs === "read") return;
  await requirePermission(ctx, command, needs);
}
