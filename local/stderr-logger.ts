import type { Logger } from "../core/index.js";

/**
 * Diagnostics on stderr, only with `--verbose`: stdout stays clean for `--json` and for people.
 * Anything a user must see is a command's result or error, not a log line.
 */
export class StderrLogger implements Logger {
  constructor(
    private readonly verbose: boolean,
    private readonly write: (text: string) => void = (text) => process.stderr.write(text),
  ) {}

  debug(message: string): void {
    this.log("debug", message);
  }

  info(message: string): void {
    this.log("info", message);
  }

  warn(message: string): void {
    this.log("warn", message);
  }

  private log(level: "debug" | "info" | "warn", message: string): void {
    if (this.verbose) this.write(`phasegate ${level}: ${message}\n`);
  }
}
