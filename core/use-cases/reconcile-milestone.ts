import type { MilestoneState } from "../events/state.js";
import type { Plan } from "../plan/plan.js";
import { milestoneMarker } from "../projection/markers.js";
import type { MilestoneSpec, Projection, TrackerOp, TrackerResult } from "../projection/projection.js";
import { renderMilestoneDescription } from "../projection/render-milestone-description.js";
import { diffMilestone } from "./sync-diff.js";

export type MilestoneWrite = Extract<TrackerOp, { kind: "create-milestone" | "update-milestone" }>;

/** The GitHub milestone: title, description (the plan's summary), due date, open until the milestone completes. */
export const reconcileMilestone = {
  /** Pure: the write that creates the milestone or brings it up to date; none when it is. */
  plan(plan: Plan, state: MilestoneState, actual: Projection): MilestoneWrite | undefined {
    const spec: MilestoneSpec = {
      title: plan.title,
      description: renderMilestoneDescription(plan, state),
      dueOn: plan.due ?? null,
      state: state.status === "completed" ? "closed" : "open",
    };
    if (!actual.milestone) return { kind: "create-milestone", marker: milestoneMarker(plan.id), milestone: spec };
    const change = diffMilestone(actual.milestone, spec);
    return change && { kind: "update-milestone", number: actual.milestone.number, milestone: change };
  },

  /** Records a landed write in `actual`; the milestone's number, which the issues take. */
  apply(write: MilestoneWrite, result: TrackerResult, actual: Projection): number {
    if (write.kind === "update-milestone") return Object.assign(actual.milestone!, write.milestone).number;
    if (result.kind !== "milestone") throw new Error("the tracker did not return the milestone it created");
    actual.milestone = result.milestone;
    return result.milestone.number;
  },
};
