import { scan } from "../../core/index.js";
import { emit, EXIT } from "../output.js";
import { milestoneCommand } from "./command.js";
import { renderEvents } from "../render-events.js";

export const scanCommand = milestoneCommand({
  name: "scan",
  usage: "phasegate scan <milestone> [--json]",
  summary:
    "Detect blockers (failing test_command, conflicts, stuck tasks, unmet dependencies, disk, tampered log, expired claims); escalate new ones once. Exits 1 while any blocker holds.",
  async run({ ctx, handle, io }) {
    const result = await scan(ctx, handle);
    const lines = result.blockers.map(
      (b) => `  - ${b.type}: ${b.message}${result.escalated.includes(b.id) ? " (new: escalated)" : ""}\n`,
    );
    const text =
      (result.blockers.length ? `Blockers (${result.blockers.length}):\n${lines.join("")}` : "No blockers.\n") +
      renderEvents(
        result.events.filter(
          (e) => e.event === "blockers_escalated" || e.event === "blocker_resolved" || e.event === "session_saved",
        ),
      ) +
      (result.blockers.length && handle.state.status === "blocked"
        ? `Milestone ${handle.plan.id} is blocked; fix the above, then \`phasegate resume ${handle.plan.id}\`.\n`
        : "");
    emit(io, { ...result, status: handle.state.status }, text);
    return result.blockers.length > 0 ? EXIT.refused : EXIT.ok;
  },
});
