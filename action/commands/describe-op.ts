import { markdownText, type TrackerOp } from "../../core/index.js";

/** One sync write in words, for the dry run's preview and the summary of what a sync did. */
export function describeOp(op: TrackerOp): string {
  switch (op.kind) {
    case "create-label":
      return `create label \`${op.label.name}\``;
    case "update-label":
      return `change label \`${op.name}\``;
    case "create-milestone":
      return `create milestone "${markdownText(op.milestone.title)}"`;
    case "update-milestone":
      return `change milestone #${op.number} (${fields(op.milestone)})`;
    case "create-issue":
      return `create issue "${markdownText(op.issue.title)}"`;
    case "update-issue":
      if (op.issue.state === "closed") {
        return `close issue #${op.number}${op.issue.stateReason === "not_planned" ? " as not planned" : ""}`;
      }
      return `${op.issue.state === "open" ? "reopen" : "change"} issue #${op.number} (${fields(op.issue)})`;
    case "add-sub-issue":
      return `make #${op.child.number} a sub-issue of #${op.parent}`;
    case "add-blocked-by":
      return `mark #${op.issue} blocked by #${op.blocker.number}`;
    case "create-comment":
      return `comment on #${op.issue}`;
    case "update-comment":
      return `edit comment ${op.id}`;
    case "react":
      return `react ${op.content}`;
    case "check-run":
      return `check run \`${op.check.name}\`: ${op.check.conclusion}`;
    case "status":
      return `status \`${op.context}\`: ${op.state}`;
  }
}

function fields(changed: object): string {
  return Object.keys(changed).join(", ") || "no fields";
}
