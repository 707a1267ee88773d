import { hasPermission } from "../commands/authorize-approver.js";
import { COMMANDS } from "../commands/command-table.js";
import type { LogEvent } from "../events/event.js";
import type { Permission, Plan } from "../plan/plan.js";
import type { Recheck } from "./recheck-gate.js";

/** A `gate_overridden` the audit could not judge from the log alone: whose access it needs asked. */
export interface RecordedOverride {
  line: number;
  actor: string;
  pr: number;
  sha: string;
}

/**
 * Why `e` (a `gate_overridden`) is not what `/override-gate` writes, or undefined: a pull request
 * number, a commit id, the reason it requires, and the held tasks of the plan version it cites.
 */
export function checkOverrideShape(e: LogEvent, plan: Plan | undefined): string | undefined {
  const { pr, sha, reason, tasks } = e.details;
  if (typeof pr !== "number" || !Number.isInteger(pr) || pr < 1) return "it names no pull request";
  if (typeof sha !== "string" || !/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(sha)) return "it names no head commit";
  if (typeof reason !== "string" || reason.trim() === "") return "it has no reason (/override-gate requires one)";
  if (!Array.isArray(tasks) || tasks.length === 0 || !tasks.every((t) => typeof t === "string"))
    return "it names no held task";
  const unknown = plan ? tasks.filter((t) => !plan.tasks.some((task) => task.id === t)) : [];
  if (unknown.length > 0) return `${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} no task of its plan version`;
  return undefined;
}

/**
 * The verdict on an override by `o.actor`, whose access on the forge is `permission` (asked now: the
 * log does not record it). Below what the command table asks for `override-gate` is a finding: the App
 * refuses such a comment, so the line was not written answering one, or the access was lowered since,
 * which the comment that asked for it (`comment_id`) shows. Unknown access is a note.
 */
export function recheckOverride(o: RecordedOverride, permission: Permission | "none" | undefined): Recheck {
  // The command table's rule (maintain), the one the App and the Action enforce.
  const rule = COMMANDS["override-gate"].needs;
  const needs: Permission = rule === "approver" ? "write" : rule;
  if (permission === undefined)
    return { note: `whether ${o.actor} had ${needs} access cannot be checked here (\`verify --against github\` asks GitHub)` };
  if (hasPermission(permission, needs)) return { ok: true };
  return {
    finding: `${o.actor} overrode phasegate/gate for #${o.pr} at ${o.sha.slice(0, 7)}, but has ${permission} access on GitHub; override-gate needs ${needs}`,
  };
}
