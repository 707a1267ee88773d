import type { Command, Env } from "./commands/command.js";
import { checkpointCommand } from "./commands/checkpoint.js";
import { completionCommand } from "./commands/completion.js";
import { doctorCommand } from "./commands/doctor.js";
import { importCommand } from "./commands/import.js";
import { initCommand } from "./commands/init.js";
import { activateCommand, executeCommand, pauseCommand, resumeCommand } from "./commands/lifecycle.js";
import { logCommand } from "./commands/log.js";
import { mergeLogCommand } from "./commands/merge-log.js";
import { migrateCommand } from "./commands/migrate.js";
import { traceCommand } from "./commands/trace.js";
import { parseTasksCommand } from "./commands/parse-tasks.js";
import { scanCommand } from "./commands/scan.js";
import { schemaCommand } from "./commands/schema.js";
import { sessionsCommand } from "./commands/sessions.js";
import { statusCommand } from "./commands/status.js";
import { syncCommand } from "./commands/sync.js";
import {
  approveCommand,
  explainCommand,
  claimCommand,
  holdCommands,
  rejectCommand,
  releaseCommand,
  startCommand,
} from "./commands/task-commands.js";
import { validateCommand } from "./commands/validate.js";
import { verifyCommand } from "./commands/verify.js";
import { hoistGlobalOptions, nearestName } from "./global-options.js";
import { emit, EXIT, report, UsageError, type Io } from "./output.js";
import { readVersion } from "./read-version.js";
import { HELP_WIDTH, wrapText } from "./wrap-text.js";
import { processIo, terminalSafe } from "./terminal-io.js";

export const COMMANDS: Command[] = [
  initCommand,
  validateCommand,
  statusCommand,
  verifyCommand,
  executeCommand,
  activateCommand,
  pauseCommand,
  resumeCommand,
  startCommand,
  approveCommand,
  explainCommand,
  rejectCommand,
  claimCommand,
  releaseCommand,
  ...holdCommands,
  scanCommand,
  checkpointCommand,
  syncCommand,
  logCommand,
  mergeLogCommand,
  sessionsCommand,
  migrateCommand,
  importCommand,
  parseTasksCommand,
  traceCommand,
  schemaCommand,
  doctorCommand,
];

function renderHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const rows = COMMANDS.map((c) =>
    wrapText(`  ${c.name.padEnd(width)}  ${c.summary.split(". ")[0]?.replace(/\.$/, "")}`, HELP_WIDTH, width + 4),
  );
  return (
    [
      "phasegate — run a milestone plan through gated phases, locally (no GitHub needed).",
      "",
      "usage: phasegate [-C dir] [--json] [--as user] [--session id] [-v] [-q] <command> [arguments]",
      "",
      ...rows,
      "",
      wrapText(
        "`phasegate help <command>` or `phasegate <command> --help` shows a command's arguments; " +
          "`phasegate completion bash|zsh|fish` prints shell completion; `phasegate --version` the version. " +
          "Exit codes: 0 done, 1 invalid input or refused, 2 usage error.",
      ),
    ].join("\n") + "\n"
  );
}

/** Run the CLI; returns the exit code. `io` and `env` are injectable for tests. */
export async function main(
  argv: string[],
  given: Io = processIo(),
  env: Env = { cwd: process.cwd(), env: process.env },
): Promise<number> {
  // `--quiet`: no progress bar, as git's; the bar is drawn only where `status` exists.
  const quiet = argv.includes("--quiet") || argv.includes("-q");
  const io = terminalSafe(quiet ? { ...given, status: undefined } : given);
  // Known before any parsing, so that even a usage error is answered in JSON.
  if (argv.includes("--json")) io.json = true;
  const { name, rest } = hoistGlobalOptions(argv);
  // `phasegate help sync` is `phasegate sync --help`, as in git and gh.
  const topic = name === "help" ? rest.find((a) => !a.startsWith("-")) : undefined;
  if (topic !== undefined) return main([topic, "--help", ...rest.filter((a) => a !== topic)], given, env);
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.out(renderHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "--version" || name === "-V") {
    emit(io, { version: readVersion() }, `phasegate ${readVersion()}\n`);
    return EXIT.ok;
  }
  if (name === "completion") return completionCommand(COMMANDS).run(rest, io, env);
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const near = nearestName(
      name,
      COMMANDS.map((c) => c.name),
    );
    return report(io, new UsageError(`unknown command "${name}"${near ? `; did you mean "${near}"?` : ""}`));
  }
  return command.run(rest, io, env);
}
