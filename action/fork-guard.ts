import { CommandRefused } from "../core/index.js";
import type { ApiContext } from "./api-context.js";
import type { RunEnvironment } from "./run-environment.js";

/**
 * Under `pull_request_target` the job holds the base repository's write token while the pull request
 * may come from a fork: commands that write to the repository (sync, scan, checkpoint) refuse there
 * when the head is a fork's. `phase-check` only reads the head's files through the API and posts a
 * check run, so it is allowed.
 */
export function refuseForkWrites(command: string, ctx: ApiContext, run: RunEnvironment): void {
  if (run.eventName !== "pull_request_target") return;
  const pr = ctx.payload.pull_request as { head?: { repo?: { full_name?: string } | null } } | undefined;
  if (!pr) return;
  const head = pr.head?.repo?.full_name;
  if (head !== undefined && head.toLowerCase() === `${ctx.owner}/${ctx.name}`.toLowerCase()) return;
  throw new CommandRefused(
    command,
    `${command} writes to the repository and is refused under pull_request_target for a pull request from ${head ?? "an unknown repository"}`,
    { code: "fork-write", whoCan: "run it on push, schedule or workflow_dispatch" },
  );
}
