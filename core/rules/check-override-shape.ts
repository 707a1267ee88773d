import type { LogEvent } from "../events/event.js";
import type { Plan } from "../plan/plan.js";

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
  if (unknown.length > 0)
    return `${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} no task of its plan version`;
  return undefined;
}
