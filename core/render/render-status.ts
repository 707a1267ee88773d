import type { StatusView, TaskView } from "./status-view.js";

const BAR = 20;

/** A progress bar of `width` cells for 0–100. */
export function renderBar(percent: number, width = BAR): string {
  const filled = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width);
  return "█".repeat(filled) + "░".repeat(width - filled);
}

/** The terminal dashboard: plain text, no colour, stable for tests and logs. */
export function renderStatus(view: StatusView): string {
  const m = view.milestone;
  const out: string[] = [];
  out.push(`${m.title} (${m.id}) · ${m.status}${m.due ? ` · due ${m.due}` : ""}`);
  out.push(
    `${renderBar(m.progress)} ${pct(m.progress)}  ${m.tasks_completed}/${m.tasks_total} tasks completed · branch ${m.branch}`,
  );
  if (view.log.problem) out.push(`!! event log does not verify: ${view.log.problem}`);
  for (const problem of view.log.problems) out.push(`!! event log audit: ${problem}`);
  out.push("", "Tasks");
  const idWidth = Math.max(...view.tasks.map((t) => t.id.length), 2);
  const titleWidth = Math.min(36, Math.max(...view.tasks.map((t) => t.title.length), 5));
  for (const t of view.tasks) out.push(renderTaskLine(t, idWidth, titleWidth));
  out.push("", `Ready now: ${view.ready.length > 0 ? view.ready.join(", ") : "none"}`);
  out.push(view.blockers.length > 0 ? "Blockers:" : "Blockers: none");
  for (const b of view.blockers) out.push(`  - ${b.type}: ${b.message}`);
  if (view.claims.length > 0) {
    out.push("Claims:");
    for (const c of view.claims)
      out.push(`  - ${c.task} by ${c.by} until ${c.expires_at}${c.expired ? " (expired)" : ""}`);
  }
  if (view.sessions.length > 0) {
    const s = view.sessions.at(-1)!;
    out.push(`Last session: ${s.id} saved ${s.saved_at} (${s.reason}) → ${s.file}`);
  }
  if (view.recent.length > 0) {
    out.push("", "Recent events");
    for (const e of view.recent.slice(-8)) {
      const where = [e.task_id, e.phase].filter(Boolean).join(" ");
      out.push(`  #${e.seq} ${e.timestamp.slice(0, 19)}Z ${e.event}${where ? ` ${where}` : ""} by ${e.actor}`);
    }
  }
  return out.join("\n") + "\n";
}

function renderTaskLine(t: TaskView, idWidth: number, titleWidth: number): string {
  const title = t.title.length > titleWidth ? t.title.slice(0, titleWidth - 1) + "…" : t.title.padEnd(titleWidth);
  const phases = t.phases
    .map((p) => `${p.id}${p.status === "completed" ? "✓" : p.status === "active" ? "▸" : "·"}`)
    .join(" ");
  const notes = [
    t.on_hold ? "on hold" : "",
    t.claimed_by ? `claimed by ${t.claimed_by}` : "",
    t.status === "pending" && t.waiting_for.length > 0 ? `waits for ${t.waiting_for.join(", ")}` : "",
  ].filter(Boolean);
  const label = t.status === "in_progress" ? (t.phase ?? "") : t.status;
  const line = `  ${t.id.padEnd(idWidth)}  ${title}  ${renderBar(t.progress, 10)} ${pct(t.progress).padStart(6)}  ${label.padEnd(10)} ${phases}${notes.length ? `  (${notes.join("; ")})` : ""}`;
  // Why the gate waits, on a line of its own: the rule, what counts, who can give what is missing.
  return t.gate ? `${line}\n  ${" ".repeat(idWidth)}  ↳ ${t.phase} gate ${t.gate}` : line;
}

function pct(n: number): string {
  return `${n.toFixed(1)}%`;
}
