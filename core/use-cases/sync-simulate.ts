import type { Projection, TrackerOp, TrackerResult } from "../projection/projection.js";
import type { SyncTarget } from "./sync-run.js";

/**
 * A tracker that writes nothing: creates get the numbers GitHub would most likely give them. The
 * sync runs against it for a dry run (the preview) and to know how many writes a job needs.
 */
export function simulateTracker(actual: Projection): SyncTarget {
  let number = Math.max(0, ...actual.issues.map((i) => i.number));
  let milestone = actual.milestone?.number ?? 0;
  return {
    async apply(op: TrackerOp): Promise<TrackerResult> {
      switch (op.kind) {
        case "create-milestone":
          milestone += 1;
          return { kind: "milestone", milestone: { number: milestone, ...op.milestone } };
        case "create-issue": {
          number += 1;
          const { stateReason, ...spec } = op.issue;
          const issue = {
            ...spec,
            number,
            id: -number,
            stateReason: stateReason ?? null,
            parent: null,
            blockedByCount: 0,
            pullRequest: false,
          };
          return { kind: "issue", issue };
        }
        default:
          return { kind: "done" };
      }
    },
    fresh: async () => undefined,
    blockedBy: async () => [],
    comments: async () => [],
  };
}
