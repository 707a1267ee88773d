import { checkpoint } from "../../core/index.js";
import { parseCount } from "../args.js";
import { emit, EXIT } from "../output.js";
import { milestoneCommand } from "./command.js";

export const checkpointCommand = milestoneCommand({
  name: "checkpoint",
  usage: "phasegate checkpoint <milestone> [--min-changes N] [--message TEXT]",
  summary:
    "Commit work in progress and the event log to the milestone branch when at least N files changed (default: the plan's checkpoint_min_changes, 10; 0 = always). Never the default branch, ignored files or secrets; never forced.",
  options: { "min-changes": { type: "string" }, message: { type: "string", short: "m" } },
  async run({ ctx, handle, args, io }) {
    const min = args.values["min-changes"];
    const result = await checkpoint(ctx, handle, {
      ...(typeof min === "string" && { minChanges: parseCount("min-changes", min) }),
      ...(typeof args.values.message === "string" && { message: args.values.message }),
    });
    const ticks = result.ticked.map((t) => `ticked ${t.task} in ${t.file}:${t.line}\n`).join("");
    const secrets = result.skippedSecrets.length
      ? `left out (look like secrets): ${result.skippedSecrets.join(", ")}\n`
      : "";
    const text = result.committed
      ? `${ticks}checkpoint ${result.commit.slice(0, 12)} on ${handle.plan.branch}: ${result.files.length} files\n${secrets}`
      : `no checkpoint: ${result.reason}\n${secrets}`;
    emit(io, result, text);
    return EXIT.ok;
  },
});
