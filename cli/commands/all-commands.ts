import type { Command } from "./command.js";
import { checkpointCommand } from "./checkpoint.js";
import { doctorCommand } from "./doctor.js";
import { importCommand } from "./import.js";
import { initCommand } from "./init.js";
import { activateCommand, executeCommand, pauseCommand, resumeCommand } from "./lifecycle.js";
import { logCommand } from "./log.js";
import { mergeLogCommand } from "./merge-log.js";
import { migrateCommand } from "./migrate.js";
import { traceCommand } from "./trace.js";
import { parseTasksCommand } from "./parse-tasks.js";
import { scanCommand } from "./scan.js";
import { schemaCommand } from "./schema.js";
import { sessionsCommand } from "./sessions.js";
import { statusCommand } from "./status.js";
import { syncCommand } from "./sync.js";
import {
  approveCommand,
  explainCommand,
  claimCommand,
  holdCommands,
  rejectCommand,
  releaseCommand,
  startCommand,
} from "./task-commands.js";
import { validateCommand } from "./validate.js";
import { verifyCommand } from "./verify.js";

/**
 * Every command, in `help`'s order. The CLI loads this list only for `help` and `completion`; to run a
 * command it loads that command's module alone (COMMAND_LOADERS in cli/main.ts).
 */
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
