import type { Blocker } from "../events/state.js";
import { renderBar } from "./render-status.js";
import type { StatusView, TaskView } from "./status-view.js";

/** Recent events shown; the log itself has them all. */
const RECENT = 10;

/**
 * The milestone's dashboard as GitHub-flavoured markdown: the Action's job summary today, the App's
 * pinned dashboard issue next. Pure. Text from the plan is escaped, so a title cannot break a table
 * or inject HTML.
 */
export function renderSummary(view: StatusView): string {
  const m = view.milestone;
  const out: string[] = [];
  out.push(`## ${markdownText(m.title)} (\`${m.id}\`) · ${m.status}`, "");
  out.push(
    `\`${renderBar(m.progress)}\` **${pct(m.progress)}** · ${m.tasks_completed}/${m.tasks_total} tasks completed` +
      ` · branch \`${m.branch}\`${m.due ? ` · due ${m.due}` : ""}`,
    "",
  );
  if (view.log.problem)
    out.push("> [!CAUTION]", `> The event log does not verify: ${markdownText(view.log.problem)}`, "");
  out.push(
    "### Tasks",
    "",
    "| Task | Title | Status | Progress | Phases | Notes |",
    "| --- | --- | --- | --- | --- | --- |",
  );
  for (const t of view.tasks) out.push(renderTaskRow(t));
  out.push("", `**Ready now:** ${view.ready.length > 0 ? view.ready.map((id) => `\`${id}\``).join(", ") : "none"}`, "");
  out.push("### Blockers", "", renderBlockerList(view.blockers), "");
  if (view.claims.length > 0) {
    out.push("### Claims", "");
    for (const c of view.claims)
      out.push(`- \`${c.task}\` by ${markdownText(c.by)} until ${c.expires_at}${c.expired ? " (expired)" : ""}`);
    out.push("");
  }
  const session = view.sessions.at(-1);
  if (session) out.push(`Last session: \`${session.id}\` saved ${session.saved_at} (${session.reason})`, "");
  if (view.recent.length > 0) {
    out.push(
      "### Recent events",
      "",
      "| # | Time (UTC) | Event | Task | Phase | By |",
      "| --: | --- | --- | --- | --- | --- |",
    );
    for (const e of view.recent.slice(-RECENT))
      out.push(
        `| ${e.seq} | ${e.timestamp.slice(0, 19).replace("T", " ")} | ${e.event} | ${e.task_id ?? ""} | ${e.phase ?? ""} | ${markdownText(e.actor)} |`,
      );
    out.push("");
  }
  return out.join("\n");
}

/** One bullet per blocker; a multi-line message (the test command's output) folds into a code block. */
export function renderBlockerList(blockers: Blocker[], fresh: readonly string[] = []): string {
  if (blockers.length === 0) return "None.";
  return blockers
    .map((b) => {
      const [first = "", ...rest] = b.message.split("\n");
      const head = `- **${b.type}**${fresh.includes(b.id) ? " (new)" : ""}: ${markdownText(first)}`;
      if (rest.length === 0) return head;
      // A code block indented under the bullet (CommonMark list continuation).
      const block = renderCodeBlock(rest.join("\n"), "text");
      return `${head}\n\n${block
        .split("\n")
        .map((l) => `  ${l}`)
        .join("\n")}\n`;
    })
    .join("\n");
}

/** Text safe inside a table cell or a line of markdown: no HTML, no cell breaks, one line. */
export function markdownText(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, " ");
}

function renderTaskRow(t: TaskView): string {
  const phases = t.phases
    .map((p) => (p.status === "completed" ? `${p.id} ✓` : p.status === "active" ? `**${p.id}** ▸` : p.id))
    .join(" · ");
  const notes = [
    t.on_hold ? "on hold" : "",
    t.awaiting_approval ? (t.gate ? `awaits approval: ${markdownText(t.gate)}` : "awaits approval") : "",
    t.claimed_by ? `claimed by ${markdownText(t.claimed_by)}` : "",
    t.status === "pending" && t.waiting_for.length > 0 ? `waits for ${t.waiting_for.join(", ")}` : "",
  ].filter(Boolean);
  const status = t.status === "in_progress" ? `in ${t.phase ?? "progress"}` : t.status.replace("_", " ");
  return `| \`${t.id}\` | ${markdownText(t.title)} | ${status} | \`${renderBar(t.progress, 10)}\` ${pct(t.progress)} | ${phases} | ${notes.join("; ")} |`;
}

/** A fenced code block whose fence is longer than any run of backticks in `text`, so nothing escapes it. */
export function renderCodeBlock(text: string, lang = ""): string {
  const fence = "`".repeat(Math.max(3, longestRun(text, "`") + 1));
  return `${fence}${lang}\n${text.trimEnd()}\n${fence}`;
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

function pct(n: number): string {
  return `${n.toFixed(1)} %`;
}
