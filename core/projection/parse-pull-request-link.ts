import { MILESTONE_ID_PATTERN, TASK_ID_PATTERN } from "../plan/plan-patterns.js";
import { HIDDEN, readVisibleLines } from "../render/read-visible-lines.js";

/** How a pull request names its task: a trailer, or issue numbers its closing keywords name. */
export interface PullRequestLink {
  /** From a `Phasegate-Task: <milestone>/<task>` line. */
  task?: { milestone: string; task: string };
  /** Issues named by closing keywords (`Closes #12`, `fixes #12`), in order. */
  closes: number[];
}

const TRAILER = /^\s*Phasegate-Task:\s*([^\s/]+)\/(\S+)\s*$/i;
// https://docs.github.com/en/issues/tracking-your-work-with-issues/linking-a-pull-request-to-an-issue
const CLOSING = /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?)\s*:?\s+#(\d+)\b/gi;

/**
 * Read a pull request's body for its task (docs/app.md): a `Phasegate-Task: auth-v2/T1` line wins;
 * otherwise the issues its closing keywords name are candidates (the App keeps the first that is a
 * task issue). Only text a reader sees counts (readVisibleLines): a link in code, a quote, an HTML
 * comment or `<details>` would tie the pull request to a task behind the reviewer's back.
 */
export function parsePullRequestLink(body: string | null | undefined): PullRequestLink {
  const closes: number[] = [];
  let task: PullRequestLink["task"];
  for (const visible of readVisibleLines(body ?? "")) {
    if (!visible.paragraph) continue;
    const line = { text: visible.text.replaceAll(HIDDEN, "") };
    const m = TRAILER.exec(line.text);
    if (m && !task && MILESTONE_ID_PATTERN.test(m[1]!) && TASK_ID_PATTERN.test(m[2]!)) {
      task = { milestone: m[1]!, task: m[2]! };
    }
    for (const c of line.text.matchAll(CLOSING)) {
      const n = Number(c[1]);
      if (!closes.includes(n)) closes.push(n);
    }
  }
  return task ? { task, closes } : { closes };
}
