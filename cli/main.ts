import type { Command, Env } from "./commands/command.js";
import { hoistGlobalOptions, nearestName } from "./global-options.js";
import { emit, EXIT, report, UsageError, type Io } from "./output.js";
import { readVersion } from "./read-version.js";
import { HELP_WIDTH, wrapText } from "./wrap-text.js";
import { processIo, terminalSafe } from "./terminal-io.js";

/**
 * Where each command is defined, loaded only when it runs: a command pays for its own modules only
 * (`claim` never loads the plan schemas, YAML, Octokit or secretlint). The order is `help`'s.
 * test/cli/command-loaders.test.ts checks this table against `COMMANDS` (commands/all-commands.ts).
 */
const tasks = () => import("./commands/task-commands.js");
const lifecycle = () => import("./commands/lifecycle.js");
export const COMMAND_LOADERS: Record<string, () => Promise<Command>> = {
  init: () => import("./commands/init.js").then((m) => m.initCommand),
  validate: () => import("./commands/validate.js").then((m) => m.validateCommand),
  status: () => import("./commands/status.js").then((m) => m.statusCommand),
  verify: () => import("./commands/verify.js").then((m) => m.verifyCommand),
  execute: () => lifecycle().then((m) => m.executeCommand),
  activate: () => lifecycle().then((m) => m.activateCommand),
  pause: () => lifecycle().then((m) => m.pauseCommand),
  resume: () => lifecycle().then((m) => m.resumeCommand),
  start: () => tasks().then((m) => m.startCommand),
  approve: () => tasks().then((m) => m.approveCommand),
  explain: () => tasks().then((m) => m.explainCommand),
  reject: () => tasks().then((m) => m.rejectCommand),
  claim: () => tasks().then((m) => m.claimCommand),
  release: () => tasks().then((m) => m.releaseCommand),
  hold: () => tasks().then((m) => m.holdCommands[0] as Command),
  unhold: () => tasks().then((m) => m.holdCommands[1] as Command),
  scan: () => import("./commands/scan.js").then((m) => m.scanCommand),
  checkpoint: () => import("./commands/checkpoint.js").then((m) => m.checkpointCommand),
  sync: () => import("./commands/sync.js").then((m) => m.syncCommand),
  log: () => import("./commands/log.js").then((m) => m.logCommand),
  "merge-log": () => import("./commands/merge-log.js").then((m) => m.mergeLogCommand),
  sessions: () => import("./commands/sessions.js").then((m) => m.sessionsCommand),
  migrate: () => import("./commands/migrate.js").then((m) => m.migrateCommand),
  import: () => import("./commands/import.js").then((m) => m.importCommand),
  "parse-tasks": () => import("./commands/parse-tasks.js").then((m) => m.parseTasksCommand),
  trace: () => import("./commands/trace.js").then((m) => m.traceCommand),
  schema: () => import("./commands/schema.js").then((m) => m.schemaCommand),
  doctor: () => import("./commands/doctor.js").then((m) => m.doctorCommand),
};

/** `completion`, over every command (loads them all, as help does). */
async function completionCommand(): Promise<Command> {
  const { completionCommand: make } = await import("./commands/completion.js");
  return make(await loadCommands());
}

/** Every command, in `help`'s order (loads them all: help and completion only). */
async function loadCommands(): Promise<Command[]> {
  return (await import("./commands/all-commands.js")).COMMANDS;
}

function renderHelp(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const rows = commands.map((c) =>
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
    io.out(renderHelp(await loadCommands()));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === "--version" || name === "-V") {
    emit(io, { version: readVersion() }, `phasegate ${readVersion()}\n`);
    return EXIT.ok;
  }
  if (name === "completion") return (await completionCommand()).run(rest, io, env);
  const load = Object.hasOwn(COMMAND_LOADERS, name) ? COMMAND_LOADERS[name] : undefined;
  if (!load) {
    const near = nearestName(name, Object.keys(COMMAND_LOADERS));
    return report(io, new UsageError(`unknown command "${name}"${near ? `; did you mean "${near}"?` : ""}`));
  }
  return (await load()).run(rest, io, env);
}
