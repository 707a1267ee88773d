import type { GateBlock, MergeGateDecision, MergeGatePull } from "../rules/decide-merge-gate.js";
import { defuseMarkdown } from "./defuse-markdown.js";

/** At most this many paths are named per reason; the rest are counted. */
const MAX_FILES = 10;

/**
 * `phasegate/gate`'s title and summary: each reason the pull request is held (which task, which
 * paths, why), the gate's one-line explanation (who can approve, from explainGates, keyed
 * `milestone/task`), how to get past it, and the override when one counts. Defused: naming people
 * and teams notifies nobody.
 */
export function renderMergeGate(
  pull: MergeGatePull,
  decision: MergeGateDecision,
  lines: ReadonlyMap<string, string>,
  notes: readonly string[] = [],
): { conclusion: "success" | "failure"; title: string; summary: string } {
  const reasons = decision.blocks.map((b) => renderBlock(b, lines.get(`${b.milestone}/${b.task}`)));
  const tail = notes.length > 0 ? ["", ...notes.map((n) => `- ${n}`)] : [];
  const at = pull.sha.slice(0, 10);
  if (decision.blocks.length === 0) {
    return {
      conclusion: "success",
      title: "No task's code before its Task gate",
      summary: defuseMarkdown(
        [
          `Pull request #${pull.number} at \`${at}\` changes no code of a task whose Task gate is still closed, and no approved deliverable.`,
          ...tail,
        ].join("\n"),
      ),
    };
  }
  const tasks = [...new Set(decision.blocks.map((b) => `${b.milestone}/${b.task}`))];
  if (decision.passed) {
    const by = [...new Set(decision.overrides.map((o) => o.override.by))];
    return {
      conclusion: "success",
      title: `Overridden by ${by.join(", ")}`,
      summary: defuseMarkdown(
        [
          `Pull request #${pull.number} at \`${at}\` would be held, and a maintainer overrode the gate for this commit:`,
          ...decision.overrides.map((o) => `- \`${o.milestone}\`: ${o.override.by}: ${o.override.reason}`),
          "",
          "What the override let through:",
          ...reasons,
          "",
          "A new push needs a new override.",
          ...tail,
        ].join("\n"),
      ),
    };
  }
  return {
    conclusion: "failure",
    title: `Held by ${tasks.length === 1 ? tasks[0] : `${tasks.length} tasks`}`,
    summary: defuseMarkdown(
      [
        `Pull request #${pull.number} at \`${at}\` may not merge yet:`,
        ...reasons,
        "",
        "The rules are the plans on the default branch; a change to a plan in this pull request counts once it has merged.",
        "A maintainer (maintain or admin access) can let this commit through with `/override-gate <reason>`; the reason is recorded in the milestone's log.",
        ...tail,
      ].join("\n"),
    ),
  };
}

function renderBlock(block: GateBlock, line: string | undefined): string {
  const files = listFiles(block.files);
  const why = line ? `\n  - ${line}` : "";
  if (block.kind === "task-gate") {
    const how = block.via === "link" ? "it is the task's linked pull request" : "the task's `paths` match";
    return `- \`${block.milestone}/${block.task}\` (${block.at}): its \`${block.gate}\` gate has not passed, and ${how}: ${files}${why}`;
  }
  return `- \`${block.milestone}/${block.task}\`: ${files} changed after \`${block.phase}\` was approved by ${block.approvedBy.join(", ")}; approve \`${block.phase}\` again for this content${why}`;
}

function listFiles(files: readonly string[]): string {
  const shown = files.slice(0, MAX_FILES).map((f) => `\`${f}\``);
  const more = files.length > MAX_FILES ? ` and ${files.length - MAX_FILES} more` : "";
  return `${shown.join(", ")}${more}`;
}
