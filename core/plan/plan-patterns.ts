/**
 * The lexical rules of the plan format, in one place so the schema, the validator, the
 * migration and the docs agree. Every pattern is written for both JavaScript and JSON Schema
 * (ECMA-262 regular expressions, which editors evaluate too).
 */

/**
 * Milestone ids name a file (`.milestones/<id>.yaml`), a branch (`milestone/<id>`) and a log, so
 * they are lowercase (case-insensitive file systems), start and end with a letter or digit, hold
 * no `..` and do not end in `.lock` (both are invalid in git ref names), and fit in 64 characters.
 */
export const MILESTONE_ID_PATTERN = /^(?!.*\.\.)(?!.*\.lock$)[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?$/;

/** Task ids appear in issue titles (`T1: …`), markers and commit trailers: `T1`, `auth-1`, `1.2`. */
export const TASK_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Phase ids become GitHub labels `phase: <id>`; the 43-character cap keeps the label within GitHub's 50. */
export const PHASE_ID_PATTERN = /^[a-z][a-z0-9_-]*$/;
export const PHASE_LABEL_PREFIX = "phase: ";
export const GITHUB_LABEL_MAX = 50;
export const PHASE_ID_MAX = GITHUB_LABEL_MAX - PHASE_LABEL_PREFIX.length;

/** GitHub logins: up to 39 letters, digits and single inner hyphens. */
export const LOGIN_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** Approvers are logins or teams written `@org/team-slug`. */
export const APPROVER_PATTERN =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}|@[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/[A-Za-z0-9][A-Za-z0-9._-]{0,99})$/;

/**
 * A spec folder under `.kiro/specs/`: one or more path segments of letters, digits, `.`, `_`, `-`
 * (never starting with `.`, so no `..`), because Kiro folders are sometimes numbered or archived
 * one level down (`_archived/feature`).
 */
export const SPEC_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._-]*(?:\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/;
export const SPEC_MAX = 128;

/** Durations: a whole number and a unit, optionally chained: `30m`, `4h`, `2d`, `1h30m`, `1w`. */
export const DURATION_PATTERN = /^(?:\d{1,9}(?:ms|s|m|h|d|w))+$/;

/** Plans are small; the cap keeps a hostile or mistaken file from costing minutes (GitHub's contents API serves 1 MB). */
export const MAX_PLAN_CHARS = 1_000_000;

/** GitHub's limits (https://docs.github.com/en/rest/issues/issues): issue titles and bodies. */
export const GITHUB_TITLE_MAX = 256;
export const GITHUB_BODY_MAX = 65_536;
export const GITHUB_ASSIGNEES_MAX = 10;

/** Placeholders a deliverable path may use; they are replaced per task. */
export const PATH_PLACEHOLDERS = ["spec", "task", "milestone"] as const;
