import { cutText } from "../render/cut-text.js";
import { markdownText } from "../render/render-summary.js";
import type { ParsedCommand } from "./parsed-command.js";
import { defuseMarkdown } from "../render/defuse-markdown.js";

/** At most this many commands of one comment run; the rest are listed as skipped (one comment, bounded work). */
export const MAX_COMMANDS_PER_COMMENT = 10;

/**
 * A reply's body at most: GitHub refuses comment bodies over 65,536 characters
 * (https://docs.github.com/en/rest/issues/comments#create-an-issue-comment); the rest is room for the
 * reply marker.
 */
export const MAX_REPLY_CHARS = 65_000;

/** How many skipped commands the reply quotes one by one. */
const LISTED_SKIPS = 20;
/** A quoted command line in the skipped list is cut to this length. */
const QUOTE_CHARS = 120;

/** The commands of one comment that run, and the ones skipped past the cap. */
export function limitCommands(
  commands: readonly ParsedCommand[],
  max = MAX_COMMANDS_PER_COMMENT,
): { run: ParsedCommand[]; skipped: ParsedCommand[] } {
  return { run: commands.slice(0, max), skipped: commands.slice(max) };
}

/** Why the commands after some point did not run: the cap, or a failure that stopped the delivery. */
export interface StoppedAt {
  /** The command that could not be finished; it and everything after it did not run (or not fully). */
  command: ParsedCommand;
  reason: string;
}

/**
 * One reply for a comment's commands: a section per command that ran, then what was skipped and
 * why, always under GitHub's limit. When the sections are too long together, each is cut to a fair
 * share (the end of a cut section says so); the skipped list is kept, since it says what did not happen.
 */
export function renderCommandsReply(
  raw: readonly string[],
  skipped: readonly ParsedCommand[],
  stopped?: StoppedAt,
  max = MAX_REPLY_CHARS,
): string {
  const sections = raw.map(defuseMarkdown);
  const tail: string[] = [];
  if (stopped) {
    tail.push(
      `Stopped at line ${stopped.command.lineNumber} (\`${quoteInline(stopped.command.line)}\`): ${markdownText(cutText(stopped.reason, 500))}. ` +
        "What is listed above was done; that command and the ones after it did not run (or did not finish): check the task, then give them again.",
    );
  }
  if (skipped.length > 0) {
    const listed = skipped.slice(0, LISTED_SKIPS).map((c) => `- line ${c.lineNumber}: \`${quoteInline(c.line)}\``);
    const more = skipped.length > LISTED_SKIPS ? [`- … and ${skipped.length - LISTED_SKIPS} more`] : [];
    tail.push(
      [
        `Skipped ${skipped.length} command(s): at most ${MAX_COMMANDS_PER_COMMENT} run per comment. Give the rest in another comment.`,
        ...listed,
        ...more,
      ].join("\n"),
    );
  }
  const end = defuseMarkdown(tail.length > 0 ? `\n---\n\n${tail.join("\n\n")}\n` : "");
  const separator = "\n---\n\n";
  const room = max - end.length - separator.length * Math.max(0, sections.length - 1);
  const whole = sections.reduce((n, s) => n + s.length, 0);
  const share = Math.floor(room / Math.max(1, sections.length));
  const fitted = whole <= room ? sections : sections.map((s) => (s.length <= share ? s : cutSection(s, share)));
  return fitted.join(separator) + end;
}

const CUT_NOTE = "\n\n(cut: a reply is limited to 65,536 characters)\n";

function cutSection(section: string, size: number): string {
  return cutText(section, Math.max(0, size - CUT_NOTE.length)) + CUT_NOTE;
}

/** A command line inside inline code: cut short, without backticks or line breaks to break out of it. */
function quoteInline(line: string): string {
  return cutText(line.replace(/[`\r\n]/g, " "), QUOTE_CHARS);
}
