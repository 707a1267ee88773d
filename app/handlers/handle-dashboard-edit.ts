import type { Context as ProbotContext } from "probot";
import { parseDashboardRequests, parseMarker, parseCommands, type DashboardRequest } from "../../core/index.js";
import type { AppDeps } from "../app-deps.js";
import { answerCommands } from "../answer-commands.js";
import { openDelivery } from "../open-delivery.js";

/**
 * `issues.edited` on a dashboard: a box someone newly ticked in "Requests" (compared with the body
 * before the edit) runs its command as that person; the sync then renders the dashboard again, which
 * unticks it. Bots (the App's own edits) are ignored.
 */
export async function handleDashboardEdit(context: ProbotContext<"issues.edited">, deps: AppDeps): Promise<void> {
  const { issue, changes, sender } = context.payload;
  if (sender.type === "Bot") return;
  const marker = parseMarker(issue.body ?? "");
  if (marker?.kind !== "dashboard") return;
  const before = new Set(parseDashboardRequests(changes.body?.from ?? ""));
  const ticked = parseDashboardRequests(issue.body ?? "").filter((r) => !before.has(r));
  if (ticked.length === 0) return;
  const d = await openDelivery(context, deps, sender.login);
  const commands = ticked.flatMap((r: DashboardRequest) => parseCommands(`/${r}`));
  // Untick through the sync: a change re-renders the dashboard; otherwise force it with /sync last.
  const withSync = ticked.includes("sync") ? commands : [...commands, ...parseCommands("/sync")];
  const target = { milestone: marker.milestone, issue: issue.number, kind: "dashboard" as const };
  const answer = await answerCommands(d, target, withSync);
  context.log.info({ ticked, changed: answer?.changed }, "dashboard requests on #%d", issue.number);
}
