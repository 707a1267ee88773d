import { MilestoneHandle, repairLog, type LogRepair } from "../../core/index.js";
import { parseCommandArgs } from "../args.js";
import { emit, EXIT, report, UsageError } from "../output.js";
import { openContext, usage, type Command } from "./command.js";

const USAGE = "phasegate log repair <milestone> [--yes] [--json]";
const SHOWN = 200;

/**
 * `phasegate log repair`: keep the verified lines of a log that does not verify, drop the rest. Shows
 * every line it would drop, with its text, and writes only with `--yes`.
 */
export const logCommand: Command = {
  name: "log",
  usage: USAGE,
  summary:
    "Repair an event log that does not verify: shows every line from the first bad one to the end (what would be dropped); --yes writes the verified lines and resets the remembered head.",
  async run(argv, io, env) {
    try {
      const args = parseCommandArgs(argv, { yes: { type: "boolean", short: "y" } }, ["verb", "milestone"]);
      io.json = Boolean(args.values.json);
      if (args.values.help) return usage(io, USAGE, this.summary);
      const [verb, milestone] = args.positionals as [string, string];
      if (verb !== "repair") throw new UsageError(`unknown log verb "${verb}" (expected: repair)`);
      const ctx = await openContext(args, env);
      const handle = await MilestoneHandle.open(ctx, milestone, "log repair");
      const result = await repairLog(ctx, handle, Boolean(args.values.yes));
      emit(io, result, renderRepair(milestone, result));
      return EXIT.ok;
    } catch (error) {
      return report(io, error);
    }
  },
};

function renderRepair(milestone: string, r: LogRepair): string {
  if (!r.problem) return `${r.path} verifies (${r.kept} events); nothing to repair\n`;
  const head = `${r.path} does not verify: ${r.problem.message}\n`;
  const lines = r.dropped.slice(0, SHOWN).map((d) => `  line ${d.line}: ${d.text}\n`);
  const more = r.dropped.length > SHOWN ? `  … and ${r.dropped.length - SHOWN} more (--json lists them all)\n` : "";
  const what =
    r.dropped.length === 0
      ? `every line verifies; the remembered head is reset to line ${r.kept}\n`
      : `${r.written ? "dropped" : "would drop"} ${r.dropped.length} line${r.dropped.length === 1 ? "" : "s"}, ${r.written ? "kept" : "keeping"} ${r.kept} verified events:\n${lines.join("")}${more}`;
  const next = r.written
    ? `written: ${r.path} now ends at line ${r.kept}\n`
    : `nothing written; run \`phasegate log repair ${milestone} --yes\` to write the ${r.kept} verified events\n`;
  return head + what + next;
}
