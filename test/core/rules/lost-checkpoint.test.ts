import { describe, expect, it } from "vitest";
import type { NewEvent } from "../../../core/events/event.js";
import { fold } from "../../../core/events/fold.js";
import {
  checkableCheckpoint,
  earlierCheckpoints,
  judgeCheckpointReach,
  withdrawalDetails,
} from "../../../core/rules/lost-checkpoint.js";
import { buildLog } from "../../helpers/log-builder.js";
import { makePlan, makeTask } from "../../helpers/make-plan.js";

const plan = makePlan([makeTask("T1")]);
const c = (n: number) => String(n).repeat(40).slice(0, 40);
const made = (commit: string, files = 1): NewEvent => ({
  event: "auto_commit",
  actor: "alice",
  details: { commit, files_changed: files },
});
const withdrawn = (commit: string, before: { commit: string; at: string; files: number } | undefined): NewEvent => ({
  event: "auto_commit",
  actor: "alice",
  details: withdrawalDetails(commit, "gone", before, ".milestones/logs/m1.jsonl"),
});

describe("lost checkpoints", () => {
  it("only a commit id is checked: a checkpoint through the API names none", () => {
    const state = (events: NewEvent[]) => fold(plan, buildLog("m1", events).events);
    expect(checkableCheckpoint(state([made(c(1))]))).toBe(c(1));
    expect(checkableCheckpoint(state([{ event: "auto_commit", actor: "a", details: { files_changed: 2 } }]))).toBe(
      undefined,
    );
    expect(checkableCheckpoint(state([]))).toBeUndefined();
    expect(checkableCheckpoint(state([made("HEAD")]))).toBeUndefined();
  });

  it("is lost only when git lacks the commit or has it off the branch, and says which, and how", () => {
    expect(judgeCheckpointReach(c(1), "reached", "milestone/m1", false)).toBeUndefined();
    expect(judgeCheckpointReach(c(1), "cannot-tell", "milestone/m1", false)).toBeUndefined();
    const killed = judgeCheckpointReach(c(1), "off-branch", "milestone/m1", false);
    expect(killed).toMatchObject({ commit: c(1), reach: "off-branch" });
    expect(killed?.reason).toBe(
      `commit ${c(1).slice(0, 12)} is not in the history of milestone/m1; the checkpoint that named it stopped before milestone/m1 moved to it`,
    );
    expect(judgeCheckpointReach(c(1), "missing", "milestone/m1", false)?.reason).toMatch(
      /is not in this repository .*stopped before/,
    );
    expect(judgeCheckpointReach(c(1), "off-branch", "milestone/m1", true)?.reason).toMatch(
      /milestone\/m1 held it once: a rebase or a forced update/,
    );
  });

  it("the checkpoints before the lost one, newest first, without the withdrawn ones", () => {
    const log = buildLog("m1", [made(c(1), 3), made(c(2)), made(c(3)), withdrawn(c(3), undefined), made(c(4))]);
    const found = earlierCheckpoints(log.events, c(4));
    expect(found.map((k) => k.commit)).toEqual([c(2), c(1)]);
    expect(found[1]).toEqual({ commit: c(1), at: log.events[0]?.timestamp, files: 3 });
    expect(earlierCheckpoints(log.events, c(1))).toHaveLength(2);
  });

  it("the withdrawal makes the named checkpoint the last again; none when there was none", () => {
    const before = { commit: c(1), at: "2026-01-01T00:00:00.000Z", files: 3 };
    const last = (events: NewEvent[]) => fold(plan, buildLog("m1", events).events).lastCheckpoint;
    expect(last([made(c(1), 3), made(c(2)), withdrawn(c(2), before)])).toEqual(before);
    expect(last([made(c(2)), withdrawn(c(2), undefined)])).toBeUndefined();
    expect(withdrawalDetails(c(2), "gone", undefined, "x")).toMatchObject({
      reached_branch: false,
      last_checkpoint: null,
    });
  });
});
