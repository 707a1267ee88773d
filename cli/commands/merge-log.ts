import { readFile, writeFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { mergeLogs } from "../../core/index.js";
import { CommandFailed, emit, EXIT } from "../output.js";
import { plainCommand } from "./command.js";

const USAGE = "phasegate merge-log <base> <ours> <theirs> <path>";

/**
 * The git merge driver for event logs (`merge.phasegate-log.driver = phasegate merge-log %O %A %B %P`,
 * registered by `phasegate` when it creates a log and on every checkpoint; ADR 10). Writes the joined
 * log to `<ours>` and exits 0, or exits 1 with the reason when a side does not verify (git then
 * reports a conflict and leaves both sides for a person).
 */
export const mergeLogCommand = plainCommand({
  name: "merge-log",
  usage: USAGE,
  summary:
    "Git merge driver for .milestones/logs/*.jsonl: keeps our events, then a logs_merged event, then their new events re-sealed; never loses or duplicates one.",
  args: ["base", "ours", "theirs", "path"],
  outsideRepository: true,
  async run({ args, io, cwd }) {
    const [base, ours, theirs, path] = args.positionals.map((p, i) => (i < 3 ? resolve(cwd, p) : p)) as [
      string,
      string,
      string,
      string,
    ];
    const read = (file: string) => readFile(file, "utf8").catch(() => "");
    const milestoneId = basename(path).replace(/\.jsonl$/, "");
    const result = mergeLogs(await read(base), await read(ours), await read(theirs), { milestoneId });
    if (!result.ok) {
      const side = { base: "the common ancestor", ours: "our side", theirs: "their side" }[result.side];
      const { line, message } = result.problem;
      throw new CommandFailed("merge-log", "failed", `${path}: ${side} does not verify: line ${line}: ${message}`);
    }
    await writeFile(ours, result.text);
    emit(io, { path, added: result.added, events: result.events.length }, "");
    return EXIT.ok;
  },
});
