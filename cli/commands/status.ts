import { renderStatus } from "../../core/index.js";
import { emit, EXIT } from "../output.js";
import { milestoneCommand } from "./command.js";

export const statusCommand = milestoneCommand({
  name: "status",
  readOnly: true,
  usage: "phasegate status <milestone> [--json]",
  summary:
    "Show the milestone's dashboard: progress, each task's phase, ready tasks, blockers, claims, sessions, recent events.",
  async run({ ctx, handle, io }) {
    const { findings } = await handle.audit();
    const view = handle.view(ctx.clock.now(), findings);
    emit(io, view, renderStatus(view));
    return handle.logProblem || findings.length > 0 ? EXIT.refused : EXIT.ok;
  },
});
