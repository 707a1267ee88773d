import type { LogEvent } from "../events/event.js";
import type { Plan } from "../plan/plan.js";
import { GITHUB_BODY_MAX, GITHUB_TITLE_MAX } from "../plan/plan-patterns.js";
import { renderEvent } from "../render/render-event.js";
import { renderBar } from "../render/render-status.js";
import { markdownText, renderBlockerList } from "../render/render-summary.js";
import type { StatusView, TaskView } from "../render/status-view.js";
import { cutText } from "../render/cut-text.js";
import { issueRef, type IssueLinks } from "./issue-links.js";
import type { LabelOptions } from "./labels.js";
import { dashboardMarker, requestMarker, type DashboardRequest } from "./markers.js";
import { renderDependencyGraph } from "./render-dependency-graph.js";
import { defuseMarkdown } from "../render/defuse-markdown.js";

export interface DashboardOptions {
  labels?: LabelOptions;
  /** Limits the caller ran into, said on the dashboard ("sub-issues beyond 100 are not linked"). */
  notes?: readonly string[];
  /** The log's last events with their details, told as sentences; else the view's bare list. */
  events?: readonly LogEvent[];
  /** Body limit; GitHub's 65,536 unless a test wants less. */
  maxLength?: number;
}

const RECENT = 10;
/** A blocker's message is a scan's output; its first lines say enough. */
const BLOCKER_MAX = 2_000;
const REQUESTS: Record<DashboardRequest, string> = {
  scan: "Scan for blockers now",
  resume: "Resume the milestone (refused while a blocker remains)",
  sync: "Sync issues and labels with the plan",
};

/**
 * The milestone's pinned dashboard issue. Pure and deterministic (no clock: only the view's data),
 * so the sync edits it only when its text changes. Always under GitHub's body limit
 * (https://docs.github.com/en/rest/issues/issues): past it, recent events go first, then the graph,
 * then table rows, and the body says what was left out.
 */
export function renderDashboard(
  plan: Plan,
  view: StatusView,
  links: IssueLinks,
  options: DashboardOptions = {},
): { title: string; body: string } {
  const max = options.maxLength ?? GITHUB_BODY_MAX;
  const title = cutText(defuseMarkdown(`Dashboard: ${view.milestone.title}`), GITHUB_TITLE_MAX);
  const attempts: Cut[] = [{}, { events: true }, { events: true, graph: true }];
  for (const cut of attempts) {
    const body = defuseMarkdown(renderBody(plan, view, links, options, cut));
    if (body.length <= max) return { title, body };
  }
  // Cut table rows: find the most rows that fit (the body grows with the rows kept).
  let low = 0;
  let high = view.tasks.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (defuseMarkdown(renderBody(plan, view, links, options, { events: true, graph: true, rows: mid })).length <= max)
      low = mid;
    else high = mid - 1;
  }
  const body = defuseMarkdown(renderBody(plan, view, links, options, { events: true, graph: true, rows: low }));
  return { title, body: cutText(body, max) };
}

interface Cut {
  events?: boolean;
  graph?: boolean;
  rows?: number;
}

function renderBody(plan: Plan, view: StatusView, links: IssueLinks, options: DashboardOptions, cut: Cut): string {
  const m = view.milestone;
  const out: string[] = [dashboardMarker(m.id), `## ${markdownText(m.title)} (\`${m.id}\`)`, ""];
  out.push(
    `\`${renderBar(m.progress)}\` **${m.progress.toFixed(1)} %** · ${m.tasks_completed}/${m.tasks_total} tasks completed`,
    "",
    `**Status:** ${m.status.replace("_", " ")} · branch \`${m.branch}\`${m.due ? ` · due ${m.due}` : ""} · ` +
      `plan \`${plan.file}\` · log ${view.log.events} events${view.log.verified ? "" : " (does not verify)"}`,
    "",
  );
  if (view.log.problem)
    out.push("> [!CAUTION]", `> The event log does not verify: ${markdownText(view.log.problem)}`, "");
  const omitted = [
    cut.events && view.recent.length > 0 ? "recent events" : "",
    cut.graph ? "the dependency graph" : "",
    cut.rows !== undefined ? `${view.tasks.length - cut.rows} of ${view.tasks.length} table rows` : "",
  ].filter(Boolean);
  const notes = [
    ...(options.notes ?? []),
    ...(omitted.length ? [`Left out to stay under GitHub's 65,536-character limit: ${omitted.join(", ")}.`] : []),
  ];
  if (notes.length) out.push("> [!NOTE]", ...notes.map((n) => `> ${markdownText(n)}`), "");
  if (!cut.graph) {
    const deps = new Map(plan.tasks.map((t) => [t.id, t.dependencies]));
    out.push("### Dependencies", "", renderDependencyGraph(view.tasks, deps, view.blockers, options.labels), "");
  }
  out.push("### Tasks", "", "| Task | Phase | Progress | Assignees | Status |", "| --- | --- | --- | --- | --- |");
  const assignees = new Map(plan.tasks.map((t) => [t.id, t.assignees]));
  for (const t of view.tasks.slice(0, cut.rows)) out.push(renderRow(t, assignees.get(t.id) ?? [], links));
  out.push(
    "",
    "### Blockers",
    "",
    renderBlockerList(view.blockers.map((b) => ({ ...b, message: cutText(b.message, BLOCKER_MAX) }))),
    "",
  );
  out.push(...renderActivity(view));
  if (!cut.events) out.push(...renderRecent(view, options.events));
  out.push("### Requests", "", "Tick a box and Phasegate acts on it:", "");
  for (const [r, text] of Object.entries(REQUESTS)) out.push(`- [ ] ${requestMarker(r as DashboardRequest)} ${text}`);
  return out.join("\n") + "\n";
}

function renderRow(t: TaskView, assignees: readonly string[], links: IssueLinks): string {
  const people = [...assignees.map((a) => `\`${a}\``), ...(t.claimed_by ? [`claimed by \`${t.claimed_by}\``] : [])];
  const status = [
    t.status.replace("_", " "),
    t.on_hold ? "on hold" : "",
    t.awaiting_approval ? (t.gate ? `awaits approval: ${markdownText(t.gate)}` : "awaits approval") : "",
    t.status === "pending" && t.waiting_for.length
      ? `waits for ${t.waiting_for.map((d) => issueRef(links, d)).join(", ")}`
      : "",
  ].filter(Boolean);
  // A linked issue shows its own title; the dashboard does not repeat it, so renaming a task edits one issue.
  const name =
    links.issueNumberOf(t.id) === undefined
      ? `${issueRef(links, t.id)} ${markdownText(t.title)}`
      : issueRef(links, t.id);
  return `| ${name} | ${t.phase ?? "—"} | \`${renderBar(t.progress, 10)}\` ${t.progress.toFixed(1)} % | ${people.join(", ") || "—"} | ${status.join(" · ")} |`;
}

function renderActivity(view: StatusView): string[] {
  const out: string[] = [];
  if (view.claims.length) {
    out.push("### Claims", "");
    for (const c of view.claims)
      out.push(`- \`${c.task}\` by \`${c.by}\` until ${c.expires_at}${c.expired ? " (expired)" : ""}`);
    out.push("");
  }
  if (view.sessions.length) {
    out.push("### Sessions", "");
    for (const s of view.sessions)
      out.push(`- \`${s.id}\` saved ${s.saved_at}: ${markdownText(s.reason)} (\`${s.file}\`)`);
    out.push("");
  }
  return out;
}

function renderRecent(view: StatusView, events: readonly LogEvent[] | undefined): string[] {
  const lines = events
    ? events
        .slice(-RECENT)
        .map((e) => `- \`#${e.seq}\` ${e.timestamp.slice(0, 16).replace("T", " ")} · ${markdownText(renderEvent(e))}`)
    : view.recent.slice(-RECENT).map((e) => {
        const where = [e.task_id, e.phase].filter(Boolean).join(" ");
        return `- \`#${e.seq}\` ${e.timestamp.slice(0, 16).replace("T", " ")} · ${e.event}${where ? ` ${where}` : ""} by \`${e.actor}\``;
      });
  return lines.length ? ["### Recent events", "", ...lines, ""] : [];
}
