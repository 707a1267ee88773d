import type { Json } from "../events/event.js";

/** Verbs a refusal can point to; each shell renders them its own way (a CLI line, a `/comment`). */
export type Verb =
  | "execute"
  | "activate"
  | "pause"
  | "resume"
  | "start"
  | "approve"
  | "reject"
  | "claim"
  | "release"
  | "hold"
  | "unhold"
  | "scan"
  | "checkpoint"
  | "migrate"
  | "sync"
  | "verify"
  | "log-repair";

/** What to do next: a command, with the task, phase or file it applies to. */
export interface NextStep {
  verb: Verb;
  milestone?: string;
  task?: string;
  phase?: string;
  file?: string;
}

export interface RefusalOptions {
  /** Stable identifier of the kind of refusal (`not-approver`, `on-hold`, …), for shells and agents. */
  code?: string;
  /** Who could do it (people or roles), in words that suit every shell. */
  whoCan?: string;
  /** The command that would help, rendered by the shell. */
  next?: NextStep;
  /** Facts behind the refusal, for `--json` and for shells that render their own text. */
  data?: { [key: string]: Json };
}

/**
 * A command that was not carried out, why, and who could do it. Nothing changed. No text here
 * assumes a terminal: hints that name a command carry it as `next` and the shell renders it.
 */
export class CommandRefused extends Error {
  readonly command: string;
  readonly reason: string;
  readonly whoCan: string | undefined;
  readonly code: string;
  readonly next: NextStep | undefined;
  readonly data: { [key: string]: Json };
  constructor(command: string, reason: string, options?: string | RefusalOptions) {
    const o: RefusalOptions = typeof options === "string" ? { whoCan: options } : (options ?? {});
    const hint = [o.whoCan, o.next && describeStep(o.next)].filter(Boolean).join("; ");
    super(hint ? `${command}: ${reason} (${hint})` : `${command}: ${reason}`);
    this.name = "CommandRefused";
    this.command = command;
    this.reason = reason;
    this.whoCan = o.whoCan;
    this.code = o.code ?? "refused";
    this.next = o.next;
    this.data = o.data ?? {};
  }
}

/** A shell-neutral description of a next step (`then: resume`), for logs and plain messages. */
export function describeStep(step: NextStep): string {
  const target = [step.task, step.phase, step.file].filter(Boolean).join(" ");
  return `then: ${step.verb.replace("-", " ")}${target ? ` ${target}` : ""}`;
}
