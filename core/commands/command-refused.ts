/** A command that was not carried out, why, and who could do it. Nothing changed. */
export class CommandRefused extends Error {
  readonly command: string;
  readonly reason: string;
  readonly whoCan: string | undefined;
  constructor(command: string, reason: string, whoCan?: string) {
    super(whoCan ? `${command}: ${reason} (${whoCan})` : `${command}: ${reason}`);
    this.name = "CommandRefused";
    this.command = command;
    this.reason = reason;
    this.whoCan = whoCan;
  }
}
