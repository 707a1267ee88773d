import type { LogEvent } from "../../../core/events/event.js";
import { activate } from "../../../core/use-cases/activate.js";
import { execute } from "../../../core/use-cases/execute.js";
import { MilestoneHandle } from "../../../core/use-cases/milestone-handle.js";
import { memoryContext, type MemoryContext } from "../../helpers/memory/memory-context.js";

/**
 * Milestone `m` for use-case table tests: T1, T2 and T3 (which depends on T2), one ungated phase
 * each. Only T1's deliverable exists, so `execute` completes T1 alone and T2 stays in its phase.
 */
const FILES = {
  ".milestones/m.yaml": [
    "version: 1",
    "id: m",
    "title: Table",
    "workflow:",
    "  phases:",
    "    - { id: build, weight: 100, approval_required: false, deliverables: ['docs/{task}.md'] }",
    "tasks:",
    "  - { id: T1, title: One }",
    "  - { id: T2, title: Two }",
    "  - { id: T3, title: Three, dependencies: [T2] }",
    "",
  ].join("\n"),
  "docs/T1.md": "# T1\n\nDone.\n",
};

export type Stage = "planned" | "active" | "T1 completed";

/** The milestone at `stage` (alice moved it there), and a context that acts as `actor`. */
export async function setupMilestone(stage: Stage, actor = "alice") {
  const ctx: MemoryContext = { ...memoryContext(FILES), actor };
  const open = () => MilestoneHandle.open(ctx, "m");
  if (stage !== "planned") await activate({ ...ctx, actor: "alice" }, await open());
  if (stage === "T1 completed") await execute({ ...ctx, actor: "alice" }, await open());
  return { ctx, open };
}

/** Lines of milestone `id`'s log on its branch (none before activation). */
export async function logLines(ctx: MemoryContext, id: string): Promise<number> {
  try {
    const log = await (await ctx.repo.snapshot(`milestone/${id}`)).read(`.milestones/logs/${id}.jsonl`);
    return log?.text.split("\n").filter(Boolean).length ?? 0;
  } catch {
    return 0;
  }
}

/**
 * What a use case did, for table tests: the events it wrote (`event {details}`, without the
 * `plan_version` every event carries), `nothing`, or `refused: <reason>`; and how many lines the log grew.
 */
export async function stepOutcome(
  ctx: MemoryContext,
  id: string,
  run: () => Promise<LogEvent[]>,
): Promise<{ result: string; written: number }> {
  const before = await logLines(ctx, id);
  let result: string;
  try {
    const shown = (await run()).map(
      ({ event, details: { plan_version: _, ...details } }) => `${event} ${JSON.stringify(details)}`,
    );
    result = shown.join(", ") || "nothing";
  } catch (error) {
    const reason = (error as { reason?: string }).reason;
    if (reason === undefined) throw error;
    result = `refused: ${reason}`;
  }
  return { result, written: (await logLines(ctx, id)) - before };
}
