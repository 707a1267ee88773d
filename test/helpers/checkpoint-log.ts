import { parseLog, type LogEvent } from "../../core/index.js";
import type { ScratchRepo } from "./scratch-repo.js";

/** The `auto_commit` events of milestone m1's log in the working tree. */
export const autoCommits = (r: ScratchRepo): LogEvent[] =>
  parseLog(r.read(".milestones/logs/m1.jsonl"), "m1").events.filter((e) => e.event === "auto_commit");

/** Whether `commit` is in the history of milestone/m1. */
export function onBranch(r: ScratchRepo, commit: string): boolean {
  try {
    r.git("merge-base", "--is-ancestor", commit, "milestone/m1");
    return true;
  } catch {
    return false;
  }
}
