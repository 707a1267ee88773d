import {
  runCommand as runCoreCommand,
  type CommandOutcome,
  type MilestoneHandle,
  type ParsedCommand,
} from "../core/index.js";
import type { Delivery } from "./open-delivery.js";
import { runScan } from "./run-scan.js";

export type Outcome = CommandOutcome;

/**
 * Carry out one parsed command on milestone `handle` as the delivery's actor; `task` is the task the
 * comment is about (undefined on the dashboard). Every rule, permission and refusal is the core's
 * (core/use-cases/run-command.ts); the App only lends its scan, which also shows escalation on GitHub.
 */
export function runCommand(
  d: Delivery,
  handle: MilestoneHandle,
  cmd: ParsedCommand,
  task?: string,
  via = "comment",
): Promise<Outcome> {
  return runCoreCommand(d.ctx, handle, cmd, {
    ...(task !== undefined && { task }),
    via,
    scan: (h) => runScan(d, h),
  });
}
