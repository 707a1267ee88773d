import { parse } from "yaml";
import { sessionPath } from "../../core/index.js";
import { checkSession } from "../global-options.js";
import { emit, EXIT, UsageError } from "../output.js";
import { localCommand } from "./command.js";

/** List session snapshots (newest last), or show one. */
export const sessionsCommand = localCommand({
  name: "sessions",
  usage: "phasegate sessions [show <session-id>] [--json]",
  summary: "List saved session snapshots, or show one; `phasegate resume <milestone>` continues from the latest.",
  optionalArgs: ["show", "id"],
  verbs: ["show"],
  readOnly: true,
  async run({ ctx, args, io }) {
    const [verb, id] = args.positionals;
    if (verb === "show") {
      if (!id) throw new UsageError("sessions show needs <session-id>");
      const problem = checkSession(id);
      if (problem) throw new UsageError(problem.replace("--session", "<session-id>"));
      const file = await ctx.repo.read(sessionPath(id));
      if (!file) throw new Error(`no session ${id} in .milestones/sessions/ (\`phasegate sessions\` lists them)`);
      emit(io, parse(file.text), file.text);
      return EXIT.ok;
    }
    const files = await ctx.repo.list(".milestones/sessions");
    const sessions: Record<string, string>[] = [];
    for (const path of files.filter((f) => f.endsWith(".yaml"))) {
      const doc = parse((await ctx.repo.read(path))?.text ?? "") as { session?: Record<string, string> } | null;
      if (doc?.session) sessions.push({ file: path, ...doc.session });
    }
    sessions.sort((a, b) => String(a.saved_at).localeCompare(String(b.saved_at)));
    const text = sessions.length
      ? sessions
          .map((s) => `${s.id}  ${s.milestone_id}  ${s.status}  saved ${s.saved_at} (${s.save_reason})`)
          .join("\n")
      : "no sessions saved yet";
    emit(io, sessions, text);
    return EXIT.ok;
  },
});
