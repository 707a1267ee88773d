import type { LogEvent } from "../events/event.js";
import { cutText } from "../render/cut-text.js";
import { renderEvent } from "../render/render-event.js";
import { markdownText } from "../render/render-summary.js";
import type { CommandRefused, NextStep, Verb } from "./command-refused.js";
import { defuseMarkdown } from "../render/defuse-markdown.js";
import { renderDeliverableChanges, type DeliverableChanges } from "../render/render-deliverable-changes.js";

/** Verbs with no comment form: the reply names the CLI line to run instead. */
const CLI_ONLY = new Set<Verb>(["checkpoint", "migrate", "verify", "log-repair"]);

/**
 * The reply to a refused command: the command quoted, why it was refused, who can, and what to do
 * next as a comment command (`/resume`) or, for steps only the CLI takes, a CLI line. Nothing changed.
 */
export function renderRefusalComment(refused: CommandRefused, quoted: string): string {
  const out = [quote(quoted), "", `Not done: ${markdownText(refused.reason)}.`.replace(/\.\.$/, ".")];
  if (refused.whoCan) out.push(`Who can: ${markdownText(refused.whoCan)}.`.replace(/\.\.$/, "."));
  if (refused.next) out.push(`Next: ${renderNextStep(refused.next)}`);
  out.push("", "Nothing was changed. `/help` lists the commands.");
  return defuseMarkdown(out.join("\n") + "\n");
}

/**
 * The reply to a command that worked: the command quoted, then what changed, one event a line, and
 * for an approval of deliverables that changed since the approver's earlier one, what changed.
 */
export function renderResultComment(
  quoted: string,
  events: readonly LogEvent[],
  note?: string,
  deliverables?: DeliverableChanges,
): string {
  const changes = events.map((e) => `- ${markdownText(renderEvent(e))}`);
  const out = [quote(quoted), "", changes.length ? "Done:" : "Done; nothing needed to change.", ...changes];
  if (note) out.push("", markdownText(note));
  if (deliverables) out.push("", renderDeliverableChanges(deliverables, true).trimEnd());
  return defuseMarkdown(out.join("\n") + "\n");
}

/** A next step as a comment command, or as a CLI line in backticks when comments cannot take it. */
export function renderNextStep(step: NextStep): string {
  const target = [step.task, step.phase].filter(Boolean).join(" ");
  // On GitHub nobody runs the engine: a phase moves on by itself once its deliverables validate.
  if (step.verb === "execute")
    return "nothing to run: it moves on by itself once its deliverables validate on the milestone branch";
  if (CLI_ONLY.has(step.verb)) {
    const args =
      step.verb === "migrate"
        ? ["migrate", step.file ?? "<file>"]
        : [step.verb.replace("-", " "), step.milestone, step.task, step.phase && `--phase ${step.phase}`];
    return `run \`phasegate ${args.filter(Boolean).join(" ")}\``;
  }
  return `comment \`/${step.verb}${target ? ` ${target}` : ""}\``;
}

/** A quoted command is cut to this: the comment holds the rest, and the reply must fit GitHub's limit. */
const QUOTE_CHARS = 1_000;

/** Quote the command as GitHub's "Quote reply" does; the `>` also keeps it from being parsed as a command again. */
function quote(text: string): string {
  return cutText(text, QUOTE_CHARS)
    .split(/\r?\n/)
    .map((l) => `> ${l}`)
    .join("\n");
}
