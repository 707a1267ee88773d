import type { MilestoneState } from "../events/state.js";
import type { Plan } from "../plan/plan.js";
import { GITHUB_BODY_MAX } from "../plan/plan-patterns.js";
import { cutText } from "../render/cut-text.js";
import { milestoneMarker } from "./markers.js";
import { defuseMarkdown } from "../render/defuse-markdown.js";

/**
 * The GitHub milestone's description: the marker that identifies it, the plan's description, and a
 * progress line. GitHub documents no length for it, so it is held to the issue body limit.
 * Deterministic: it changes only when the progress or the status does.
 */
export function renderMilestoneDescription(plan: Plan, state: MilestoneState): string {
  const completed = state.tasks.filter((t) => t.status === "completed").length;
  const progress = `Progress: ${state.progress.toFixed(1)}% · ${completed}/${state.tasks.length} tasks completed · status ${state.status}`;
  const head = `${milestoneMarker(plan.id)}\n`;
  const tail = `\n\n${progress}\n`;
  const description = cutText(defuseMarkdown(plan.description.trim()), GITHUB_BODY_MAX - head.length - tail.length);
  return description ? `${head}${description}${tail}` : `${head}${progress}\n`;
}
