import { CommandRefused } from "../commands/command-refused.js";
import type { LogEvent } from "../events/event.js";
import { authorize } from "./authorize.js";
import type { Context } from "./context.js";
import { judgeMergeGate, type MergeGateInput, type MergeGateVerdict } from "./judge-merge-gate.js";

export interface OverrideGateResult {
  /** The `gate_overridden` events written (none when this head was already overridden, or nothing held it). */
  events: LogEvent[];
  /** `phasegate/gate` for the head afterwards. */
  verdict: MergeGateVerdict;
  note: string;
}

/**
 * `/override-gate <reason>` on a pull request into the default branch: a maintainer (maintain or
 * admin, asked through the forge) lets its current head past `phasegate/gate`. Each milestone that
 * holds it records `gate_overridden` with the pull request, the head, the reason and the actor; the
 * gate passes for that commit only. Given again for the same head, nothing more is written.
 */
export async function overrideGate(
  ctx: Context,
  pull: MergeGateInput & { base: string },
  reason: string,
): Promise<OverrideGateResult> {
  await authorize(ctx, "override-gate");
  if (reason.trim() === "")
    throw new CommandRefused("override-gate", "a reason is required; it is recorded in the milestone's log", {
      code: "invalid",
      whoCan: "a maintainer, as `/override-gate <reason>`",
    });
  const defaultBranch = await ctx.repo.defaultBranch();
  if (pull.base !== defaultBranch)
    throw new CommandRefused(
      "override-gate",
      `pull request #${pull.number} goes into \`${pull.base}\`; \`phasegate/gate\` judges pull requests into \`${defaultBranch}\``,
      { code: "not-default-branch", whoCan: "nobody needs to: this pull request has no merge gate" },
    );
  const before = await judgeMergeGate(ctx, pull);
  if (before.decision.blocks.length === 0)
    return {
      events: [],
      verdict: before,
      note: `\`phasegate/gate\` already passes for #${pull.number}; nothing recorded.`,
    };
  const events: LogEvent[] = [];
  for (const id of before.decision.holding) {
    const handle = before.handles.get(id)!;
    const held = before.decision.blocks.filter((b) => b.milestone === id).map((b) => b.task);
    events.push(
      ...(await handle.commit((state) =>
        state.overrides?.some((o) => o.pr === pull.number && o.sha === pull.sha)
          ? []
          : [
              {
                event: "gate_overridden",
                actor: ctx.actor,
                details: { pr: pull.number, sha: pull.sha, reason: reason.trim(), tasks: [...new Set(held)] },
              },
            ],
      )),
    );
  }
  const verdict = events.length > 0 ? await judgeMergeGate(ctx, pull) : before;
  const note = `\`phasegate/gate\` passes for #${pull.number} at \`${pull.sha.slice(0, 10)}\` only; a new push needs a new override.`;
  return { events, verdict, note };
}
