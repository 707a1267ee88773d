import { answerCommands as answerInCore, type Answer, type CommandTarget, type ParsedCommand } from "../core/index.js";
import type { Delivery } from "./open-delivery.js";
import { runScan } from "./run-scan.js";
import { syncMilestone } from "./sync-milestone.js";

export type { Answer };

/**
 * Run the commands of `text` on `target`'s milestone as the delivery's actor: the core's one answerer
 * (command table, caps, what the log shows was done, one reply). The App lends its scan, which also
 * shows escalation on GitHub, and its sync, which keeps within the delivery's budget and continues.
 */
export function answerCommands(
  d: Delivery,
  target: CommandTarget,
  text: string | ParsedCommand[],
  via = "comment",
): Promise<Answer | undefined> {
  return answerInCore(d.ctx, target, text, {
    via,
    scan: (handle) => runScan(d, handle),
    sync: (handle, afterCommand) => syncMilestone(d, handle, afterCommand),
  });
}
