import { CommandRefused, formatPlanIssue, PlanError } from "../core/index.js";
import { toJsonNames } from "./json-names.js";
import { renderNextStep } from "./render-next-step.js";

/** Where a command writes; tests pass buffers, `main` passes the process streams. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  json: boolean;
  /**
   * Raw writes to a terminal's stderr for progress bars (carriage returns, erase-line); absent when
   * stderr is not a terminal.
   */
  status?: (text: string) => void;
  /** Whether each stream gets colour (cli/colour.ts); none when absent. */
  colour?: { out: boolean; err: boolean };
}

export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * A refusal a command words itself, outside the core's (a spec folder that is not one, a file init
 * would overwrite): `phasegate <command>: [refused: ]<message>` on stderr, exit 1, and under `--json`
 * `{ ok: false, error: code, message, ...detail }`.
 */
export class CommandFailed extends Error {
  override name = "CommandFailed";
  constructor(
    readonly command: string,
    readonly code: string,
    message: string,
    readonly options: { refused?: boolean; detail?: Record<string, unknown> } = {},
  ) {
    super(message);
  }
}

/** Print a result: JSON when asked for it, otherwise the human text. */
export function emit(io: Io, value: unknown, text: string): void {
  io.out(
    io.json
      ? JSON.stringify(toJsonNames(value), null, 2) + "\n"
      : text.endsWith("\n") || text === ""
        ? text
        : text + "\n",
  );
}

/** Turn an error into the right message and exit code; unknown errors are rethrown. */
export function report(io: Io, error: unknown): number {
  if (error instanceof PlanError) {
    for (const issue of error.issues) io.err(formatPlanIssue(issue) + "\n");
    if (io.json) io.out(JSON.stringify({ ok: false, error: "invalid_plan", issues: error.issues }, null, 2) + "\n");
    return EXIT.refused;
  }
  if (error instanceof CommandRefused) {
    const hints = [error.whoCan, error.next && renderNextStep(error.next)].filter((h) => h !== undefined);
    io.err(`phasegate ${error.command}: refused: ${error.reason}${hints.map((h) => `\n  → ${h}`).join("")}\n`);
    if (io.json) {
      const value = {
        ok: false,
        error: "refused",
        command: error.command,
        code: error.code,
        reason: error.reason,
        who_can: error.whoCan ?? null,
        next: error.next ? renderNextStep(error.next) : null,
        data: error.data,
      };
      io.out(JSON.stringify(value, null, 2) + "\n");
    }
    return EXIT.refused;
  }
  if (error instanceof CommandFailed) {
    io.err(`phasegate ${error.command}: ${error.options.refused ? "refused: " : ""}${error.message}\n`);
    if (io.json) {
      const value = { ok: false, error: error.code, message: error.message, ...error.options.detail };
      io.out(JSON.stringify(value, null, 2) + "\n");
    }
    return EXIT.refused;
  }
  if (error instanceof UsageError) {
    io.err(`phasegate: ${error.message}\nRun \`phasegate help\` for usage.\n`);
    if (io.json) io.out(JSON.stringify({ ok: false, error: "usage", message: error.message }, null, 2) + "\n");
    return EXIT.usage;
  }
  if (error instanceof Error) {
    // Not a refusal we foresaw (git missing, not a repository, a disk error): say it plainly.
    io.err(`phasegate: ${error.message}\n`);
    if (io.json) io.out(JSON.stringify({ ok: false, error: "failed", message: error.message }, null, 2) + "\n");
    return EXIT.refused;
  }
  throw error;
}
