import type { NewEvent } from "../events/event.js";
import type { MilestoneState } from "../events/state.js";
import type { Plan } from "../plan/plan.js";
import { decideStart } from "./decide-advance.js";

/**
 * The tasks an active milestone starts by itself (product.md §5): every ready task that is not on
 * hold, in plan order, unless the plan turned `auto_start` off. Whatever shell writes a step, the
 * step ends with these, so activation, a completed dependency, an unhold or a resume start what can
 * run without anyone at a terminal. `actor` is whoever's step caused it; it is not an author.
 */
export function decideAutoStarts(plan: Plan, state: MilestoneState, actor: string): NewEvent[] {
  if (!plan.settings.autoStart || state.status !== "in_progress") return [];
  return plan.tasks.flatMap((task, i) => {
    // Task states are in plan order: most are not ready, and need no lookup by id to say so.
    const t = state.tasks[i];
    if (t?.id === task.id && t.status !== "ready") return [];
    return decideStart(state, task, actor).map((e) => ({ ...e, details: { ...e.details, auto: true } }));
  });
}
