import type { TrackerOp } from "./projection.js";
import { markdownText } from "../render/render-summary.js";

/**
 * One line per write a sync makes (or would make): what is created, changed and closed. The one
 * preview every shell shows: `phasegate sync --dry-run`, the App's `phasegate/plan` check, the
 * Action's job summary. `markdown` escapes titles for a check summary or a job summary.
 */
export function renderSyncPreview(writes: readonly TrackerOp[], options: { markdown?: boolean } = {}): string[] {
  const text = options.markdown ? markdownText : (t: string) => t;
  return writes.map((op) => describeWrite(op, text));
}

/** Counts by verb, for a summary line: `12 to create, 3 to change, 1 to close`. */
export function countSyncWrites(writes: readonly TrackerOp[]): { create: number; change: number; close: number } {
  const counts = { create: 0, change: 0, close: 0 };
  for (const op of writes) counts[verbOf(op)] += 1;
  return counts;
}

function verbOf(op: TrackerOp): "create" | "change" | "close" {
  if (op.kind === "update-issue" && op.issue.state === "closed") return "close";
  if (op.kind === "update-milestone" && op.milestone.state === "closed") return "close";
  return op.kind.startsWith("create") || op.kind.startsWith("add") ? "create" : "change";
}

function describeWrite(op: TrackerOp, text: (t: string) => string): string {
  switch (op.kind) {
    case "create-label":
      return `create label "${op.label.name}"`;
    case "update-label":
      return `change label "${op.name}" (colour or description)`;
    case "create-milestone":
      return `create milestone "${text(op.milestone.title)}"${op.milestone.dueOn ? ` due ${op.milestone.dueOn}` : ""}`;
    case "update-milestone":
      return `${op.milestone.state === "closed" ? "close" : "change"} milestone #${op.number} (${fields(op.milestone)})`;
    case "create-issue":
      return `create issue "${text(op.issue.title)}"${op.issue.labels.length ? ` [${op.issue.labels.join(", ")}]` : ""}`;
    case "update-issue":
      return op.issue.state === "closed"
        ? `close issue #${op.number}${op.issue.stateReason ? ` as ${op.issue.stateReason.replace("_", " ")}` : ""}`
        : `change issue #${op.number} (${fields(op.issue)})`;
    case "add-sub-issue":
      return `link issue #${op.child.number} as a sub-issue of #${op.parent}`;
    case "add-blocked-by":
      return `mark issue #${op.issue} as blocked by #${op.blocker.number}`;
    case "create-comment":
      return `comment on issue #${op.issue}`;
    case "update-comment":
      return `edit comment ${op.id}`;
    case "react":
      return `react ${op.content}`;
    case "check-run":
      return `check run ${op.check.name}: ${op.check.conclusion}`;
    case "status":
      return `status ${op.context}: ${op.state}`;
    case "dispatch":
      return `dispatch ${op.eventType}`;
  }
}

function fields(change: object): string {
  return Object.keys(change)
    .map((k) => (k === "dueOn" ? "due date" : k === "stateReason" ? "state reason" : k))
    .join(", ");
}
