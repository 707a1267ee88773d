import type { Permission } from "../plan/plan.js";
import type { RecordedOverride } from "../rules/check-override-shape.js";
import type { Recheck } from "../rules/recheck-gate.js";
import { hasPermission } from "./authorize-approver.js";
import { COMMANDS } from "./command-table.js";

/**
 * The verdict on an override by `o.actor`, whose access on the forge is `permission` (asked now: the
 * log does not record it). Below what the command table asks for `override-gate` is a finding: the App
 * refuses such a comment, so the line was not written answering one, or the access was lowered since,
 * which the comment that asked for it (`comment_id`) shows. Unknown access is a note.
 */
export function recheckOverride(o: RecordedOverride, permission: Permission | "none" | undefined): Recheck {
  // The command table's rule (maintain), the one the App and the Action enforce.
  const rule = COMMANDS["override-gate"].needs;
  const needs: Permission = rule === "approver" ? "write" : rule;
  if (permission === undefined)
    return {
      note: `whether ${o.actor} had ${needs} access cannot be checked here (\`verify --against github\` asks GitHub)`,
    };
  if (hasPermission(permission, needs)) return { ok: true };
  return {
    finding: `${o.actor} overrode phasegate/gate for #${o.pr} at ${o.sha.slice(0, 7)}, but has ${permission} access on GitHub; override-gate needs ${needs}`,
  };
}
