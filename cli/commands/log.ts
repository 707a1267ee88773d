import { MilestoneHandle, repairLog, type LogRepair } from "../../core/index.js";
import { emit, EXIT } from "../output.js";
import { localCommand } from "./command.js";

const USAGE = "phasegate log repair <milestone> [--yes] [--drop-decisions] [--json]";
const SHOWN = 200;

/**
 * `phasegate log repair`: keep the verified lines of a log that does not verify, drop the rest. Shows
 * every line it would drop, with its text, and writes only with `--yes`.
 */
export const logCommand = localCommand({
  name: "log",
  usage: USAGE,
  summary:
    "Repair an event log that does not verify: keeps every event that still verifies (blank lines and a BOM skipped, later events sealed again), shows every line it would drop; --yes writes it with a log_repaired event naming what was dropped; losing what may be a decision also needs --drop-decisions.",
  args: ["verb", "milestone"],
  verbs: ["repair"],
  options: { yes: { type: "boolean", short: "y" }, "drop-decisions": { type: "boolean" } },
  async run({ ctx, args, io }) {
    const milestone = args.positionals[1] as string;
    // Verified in full, though it writes: a repair is about the lines that do not verify.
    const handle = await MilestoneHandle.open(ctx, milestone, "log repair");
    const result = await repairLog(ctx, handle, {
      confirm: Boolean(args.values.yes),
      dropDecisions: Boolean(args.values["drop-decisions"]),
    });
    emit(io, result, renderRepair(milestone, result));
    return EXIT.ok;
  },
});

function renderRepair(milestone: string, r: LogRepair): string {
  if (!r.problem) return `${r.path} verifies (${r.kept} events); nothing to repair\n`;
  const head = `${r.path} does not verify: ${r.problem.message}\n`;
  const lines = r.dropped.slice(0, SHOWN).map((d) => `  line ${d.line} (${d.reason}): ${d.text}\n`);
  const more = r.dropped.length > SHOWN ? `  … and ${r.dropped.length - SHOWN} more (--json lists them all)\n` : "";
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const skipped = [
    r.bom ? "a byte order mark" : "",
    r.blankLines > 0 ? plural(r.blankLines, "blank line") : "",
    r.resealed > 0 ? `${plural(r.resealed, "event")} sealed again after a dropped line or a gap` : "",
    ...r.gaps.map((g) => `${g.missing} deleted before line ${g.line}`),
    r.cutFromEnd > 0 ? `${r.cutFromEnd} cut from the end` : "",
  ].filter(Boolean);
  const what =
    `${r.written ? "kept" : "keeping"} ${r.kept} verified events, ${r.written ? "dropped" : "dropping"} ${plural(r.dropped.length, "line")}` +
    (skipped.length > 0 ? ` (${skipped.join("; ")})` : "") +
    (r.dropped.length > 0 ? ":\n" : "\n") +
    lines.join("") +
    more;
  const risk =
    r.decisions.length > 0 && !r.written
      ? `may lose decisions: ${r.decisions.join("; ")} (writing needs --drop-decisions too)\n`
      : "";
  const next = r.written
    ? `written: ${r.path} now holds ${r.kept} events and a log_repaired event naming what was dropped\n`
    : `nothing written; run \`phasegate log repair ${milestone} --yes${r.decisions.length > 0 ? " --drop-decisions" : ""}\` to write it\n`;
  return head + what + risk + next;
}
