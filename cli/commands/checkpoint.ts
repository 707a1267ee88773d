import { checkpoint } from "../../core/index.js";
import { parseCount } from "../args.js";
import { emit, EXIT } from "../output.js";
import { milestoneCommand } from "./command.js";
import { createProgressBar } from "../progress-bar.js";

export const checkpointCommand = milestoneCommand({
  name: "checkpoint",
  usage: "phasegate checkpoint <milestone> [--min-changes N] [--message TEXT] [--hooks]",
  summary:
    "Commit work in progress and the event log to the milestone branch when at least N files changed (default: the plan's checkpoint_min_changes, 10; 0 = always). Never the default branch, ignored files, secrets (by name or content) or symlinks out of the repository; never forced; repository hooks run only with --hooks.",
  options: {
    "min-changes": { type: "string" },
    message: { type: "string", short: "m" },
    hooks: { type: "boolean" },
  },
  async run({ ctx, handle, args, io }) {
    const min = args.values["min-changes"];
    const progress = createProgressBar(io);
    const result = await checkpoint({ ...ctx, ...(progress && { progress }) }, handle, {
      ...(typeof min === "string" && { minChanges: parseCount("min-changes", min) }),
      ...(typeof args.values.message === "string" && { message: args.values.message }),
      ...(args.values.hooks === true && { hooks: true }),
    }).finally(() => progress?.end());
    const ticks = result.ticked.map((t) => `ticked ${t.task} in ${t.file}:${t.line}\n`).join("");
    // One line per file: a line break or tab in a name is shown escaped (other controls are, by terminalSafe).
    const shown = (path: string) => path.replace(/[\n\t]/g, (c) => (c === "\n" ? "\\n" : "\\t"));
    const secrets = result.heldBack.map((h) => `held back ${shown(h.path)}: ${h.reason} (${h.rule})\n`).join("");
    // The last checkpoint found off the branch (a killed checkpoint, a rebase) was withdrawn first (ADR 39).
    const lost = result.withdrawn;
    const withdrawn = lost ? `checkpoint ${lost.commit.slice(0, 12)} did not reach the branch: ${lost.reason}\n` : "";
    const text =
      withdrawn +
      (result.committed
        ? `${ticks}checkpoint ${result.commit.slice(0, 12)} on ${handle.plan.branch}: ${result.files.length} files\n${secrets}`
        : `no checkpoint: ${result.reason}\n${secrets}`);
    emit(io, result, text);
    return EXIT.ok;
  },
});
