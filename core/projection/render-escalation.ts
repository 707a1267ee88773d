import type { Blocker } from "../events/state.js";
import type { Plan } from "../plan/plan.js";
import { renderBlockerList } from "../render/render-summary.js";
import { escalationMarker } from "./markers.js";
import { defuseMarkdown } from "../render/defuse-markdown.js";

/**
 * The one comment an escalation leaves on the dashboard (product.md §7): who is asked to act (the
 * `owners` the escalation recorded: whoever could approve the waiting gates and the blocked tasks'
 * assignees, mentioned so GitHub notifies them), what blocks, and how to go on. `seq` is the
 * `blockers_escalated` event's: its marker makes the comment unique.
 */
export function renderEscalationComment(
  plan: Plan,
  blockers: readonly Blocker[],
  fresh: readonly string[],
  seq: number,
  owners: readonly string[],
): string {
  const mentions = owners.map((o) => (o.startsWith("@") ? o : `@${o}`)).join(" ");
  // The owners are mentioned on purpose; everything else (blocker messages, a test's output) is defused.
  const rest = defuseMarkdown(
    [
      "",
      "",
      renderBlockerList([...blockers], fresh),
      "",
      "Work continues once the blockers are gone and someone comments `/resume` (or ticks “resume” above).",
      "",
    ].join("\n"),
  );
  return `${escalationMarker(plan.id, seq)}\n**Milestone \`${plan.id}\` is blocked.**${mentions ? ` ${mentions}` : ""}${rest}`;
}
