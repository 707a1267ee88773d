import { renderScanReport, scan } from "../../core/index.js";
import { emit, EXIT } from "../output.js";
import { milestoneCommand } from "./command.js";

export const scanCommand = milestoneCommand({
  name: "scan",
  usage: "phasegate scan <milestone> [--json]",
  summary:
    "Detect blockers (failing test_command, conflicts, stuck tasks, unmet dependencies, disk, tampered log, expired claims); escalate new ones once. Exits 1 while any blocker holds.",
  async run({ ctx, handle, io }) {
    const result = await scan(ctx, handle);
    const text = renderScanReport(result, { milestone: handle.plan.id, status: handle.state.status });
    emit(io, { ...result, status: handle.state.status }, text);
    return result.blockers.length > 0 ? EXIT.refused : EXIT.ok;
  },
});
