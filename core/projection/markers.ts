import { MILESTONE_ID_PATTERN, PHASE_LABEL_PREFIX, TASK_ID_PATTERN } from "../plan/plan-patterns.js";
import { scanFences } from "../render/scan-fences.js";

/**
 * Every hidden marker and label prefix Phasegate writes, in one place. Identity on GitHub never
 * depends on a title or an author: the sync finds its issues, comments and milestone by these
 * HTML comments, which GitHub keeps in the body but does not render.
 */
export const MARKER_PREFIX = "phasegate";
/** The label on every managed issue, and the stem of the status labels (`phasegate: ready`). */
export const LABEL_PREFIX = "phasegate";
export { PHASE_LABEL_PREFIX };

/** What a marker says about the object that carries it. */
export type Marker =
  | { kind: "task"; milestone: string; task: string }
  | { kind: "dashboard"; milestone: string; dashboard: true }
  | { kind: "milestone"; milestone: string }
  | { kind: "reply"; comment: number }
  | { kind: "drift"; milestone: string; task?: string }
  | { kind: "removed"; milestone: string; task: string };

/** Checkboxes of the dashboard's "Requests" section, which the App acts on when ticked. */
export type DashboardRequest = "scan" | "resume" | "sync";
export const DASHBOARD_REQUESTS: readonly DashboardRequest[] = ["scan", "resume", "sync"];

const wrap = (tokens: string) => `<!-- ${MARKER_PREFIX}:${tokens} -->`;

/** The marker of one task's issue. */
export const taskMarker = (milestone: string, task: string) => wrap(`milestone=${milestone} task=${task}`);
/** The marker of the milestone's dashboard issue. */
export const dashboardMarker = (milestone: string) => wrap(`milestone=${milestone} dashboard`);
/** The marker in the GitHub milestone's description. */
export const milestoneMarker = (milestone: string) => wrap(`milestone=${milestone}`);
/** The marker of the reply to comment `comment`: a redelivered webhook finds it and does not answer twice. */
export const replyMarker = (comment: number) => wrap(`reply comment=${comment}`);
/** The marker of a note that explains a repaired projection (a phase label moved by hand). */
export const driftMarker = (milestone: string, task?: string) =>
  wrap(`drift milestone=${milestone}${task === undefined ? "" : ` task=${task}`}`);
/** The marker of the note left on an issue whose task left the plan. */
export const removalMarker = (milestone: string, task: string) => wrap(`removed milestone=${milestone} task=${task}`);
/** The marker of the dashboard comment that escalates the blockers of event `seq` (one comment per escalation). */
export const escalationMarker = (milestone: string, seq: number) =>
  wrap(`escalation milestone=${milestone} seq=${seq}`);
/** The marker of the "getting started" comment a sync posts on the dashboard it creates (one per milestone). */
export const gettingStartedMarker = (milestone: string) => wrap(`getting-started milestone=${milestone}`);
/** The marker inside one dashboard request checkbox. */
export const requestMarker = (request: DashboardRequest) => wrap(`request=${request}`);

/** A marker must open its line: one quoted mid-sentence or in a `>` quote is a mention, not identity. */
const MARKER_LINE = new RegExp(`^\\s*<!--\\s*${MARKER_PREFIX}:([^>]*?)\\s*-->`);
const REQUEST_LINE = new RegExp(`^\\s{0,3}[-*+]\\s+\\[([ xX])\\]\\s+<!--\\s*${MARKER_PREFIX}:request=([a-z-]+)\\s*-->`);
const FLAGS = new Set(["dashboard", "reply", "drift", "removed"]);
const KEYS = new Set(["milestone", "task", "comment"]);

/**
 * The first well-formed identity marker of `body`, outside fenced code, or undefined. Markers with
 * unknown words or malformed ids are skipped, so a pasted or mangled marker cannot claim an issue.
 */
export function parseMarker(body: string): Marker | undefined {
  for (const line of scanFences(body)) {
    if (line.fenced) continue;
    const tokens = MARKER_LINE.exec(line.text)?.[1];
    const marker = tokens === undefined ? undefined : readTokens(tokens.trim().split(/\s+/));
    if (marker) return marker;
  }
  return undefined;
}

/** A dashboard request checkbox line: which request and whether its box is ticked. */
export function parseRequestLine(line: string): { request: DashboardRequest; checked: boolean } | undefined {
  const m = REQUEST_LINE.exec(line);
  const request = DASHBOARD_REQUESTS.find((r) => r === m?.[2]);
  return m && request ? { request, checked: m[1] !== " " } : undefined;
}

function readTokens(tokens: string[]): Marker | undefined {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  for (const token of tokens) {
    const [key = "", value, ...rest] = token.split("=");
    if (value === undefined ? !FLAGS.has(key) || flags.has(key) : !KEYS.has(key) || values.has(key) || rest.length)
      return undefined;
    if (value === undefined) flags.add(key);
    else values.set(key, value);
  }
  const milestone = values.get("milestone");
  const task = values.get("task");
  const comment = values.get("comment");
  if (milestone !== undefined && !MILESTONE_ID_PATTERN.test(milestone)) return undefined;
  if (task !== undefined && !TASK_ID_PATTERN.test(task)) return undefined;
  if (flags.size > 1) return undefined;
  if (flags.has("reply"))
    return comment && /^[1-9]\d{0,14}$/.test(comment) && !milestone && !task
      ? { kind: "reply", comment: Number(comment) }
      : undefined;
  if (!milestone || comment !== undefined) return undefined;
  if (flags.has("removed")) return task ? { kind: "removed", milestone, task } : undefined;
  if (flags.has("drift")) return task ? { kind: "drift", milestone, task } : { kind: "drift", milestone };
  if (flags.has("dashboard")) return task ? undefined : { kind: "dashboard", milestone, dashboard: true };
  return task ? { kind: "task", milestone, task } : { kind: "milestone", milestone };
}
