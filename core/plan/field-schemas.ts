import * as z from "zod/mini";
import type { PathProblem } from "./explain-repo-path.js";
import { parseDuration } from "./parse-duration.js";
import {
  APPROVER_PATTERN,
  DURATION_PATTERN,
  GITHUB_BODY_MAX,
  GITHUB_TITLE_MAX,
  LOGIN_PATTERN,
  MILESTONE_ID_PATTERN,
  PHASE_ID_MAX,
  PHASE_ID_PATTERN,
  SPEC_MAX,
  SPEC_PATTERN,
  TASK_ID_PATTERN,
} from "./plan-patterns.js";
import { describe } from "./schema-notes.js";

/** The vocabulary of the plan format: one schema per kind of value, shared by every level. */

export const milestoneIdSchema = describe(
  z.string().check(z.regex(MILESTONE_ID_PATTERN, { error: "is not a valid milestone id" })),
  "Milestone id: lowercase letters, digits, `.`, `_`, `-`; starts and ends with a letter or digit; at most 64 characters.",
  "the id is the file name without `.yaml`: lowercase letters, digits, `.`, `_` and `-`, starting and ending with a letter or digit, at most 64 characters (e.g. `auth-v2`)",
);

export const taskIdSchema = describe(
  z.string().check(z.regex(TASK_ID_PATTERN, { error: "is not a valid task id" })),
  "Task id, unique in the milestone: letters, digits, `.`, `_`, `-`, starting with a letter or digit; at most 64 characters.",
  "task ids are letters, digits, `.`, `_` and `-`, starting with a letter or digit, at most 64 characters (e.g. `T1`, `auth-1`, `1.2`)",
);

export const phaseIdSchema = describe(
  z.string().check(
    z.regex(PHASE_ID_PATTERN, { error: "is not a valid phase id" }),
    z.maxLength(PHASE_ID_MAX, {
      error: `is too long: the label \`phase: <id>\` must fit GitHub's 50-character label limit`,
    }),
  ),
  `Phase id: lowercase letter first, then lowercase letters, digits, \`_\`, \`-\`; at most ${PHASE_ID_MAX} characters (it becomes the label \`phase: <id>\`).`,
  `phase ids are lowercase letters, digits, \`_\` and \`-\`, starting with a letter, at most ${PHASE_ID_MAX} characters`,
);

/** A NUL ends the text early in C strings, git and terminals; no title or description needs one. */
const NO_NUL = /^[^\0]*$/;

export const titleSchema = describe(
  z
    .string()
    .check(
      z.regex(/\S/, { error: "is blank" }),
      z.regex(NO_NUL, { error: "contains a NUL character (\\0)" }),
      z.maxLength(GITHUB_TITLE_MAX, { error: `is longer than ${GITHUB_TITLE_MAX} characters, GitHub's title limit` }),
    ),
  "One line shown as the GitHub milestone or issue title (at most 256 characters).",
  "write a short, non-empty title (GitHub allows 256 characters)",
);

export const descriptionSchema = describe(
  z
    .string()
    .check(
      z.regex(NO_NUL, { error: "contains a NUL character (\\0)" }),
      z.maxLength(GITHUB_BODY_MAX, { error: `is longer than ${GITHUB_BODY_MAX} characters, GitHub's body limit` }),
    ),
  "Markdown shown in the GitHub milestone or issue body (at most 65,536 characters).",
  "move long text into a file in the repository and link to it",
);

export const loginSchema = describe(
  z.string().check(z.regex(LOGIN_PATTERN, { error: "is not a GitHub login" })),
  "A GitHub login.",
  "write the login without `@`, e.g. `octocat`",
);

export const approverSchema = describe(
  z.string().check(z.regex(APPROVER_PATTERN, { error: "is not a GitHub login or `@org/team`" })),
  "A GitHub login (`alice`) or a team (`@acme/security`).",
  "write a login without `@` (`alice`) or a team as `@org/team-slug`",
);

export const specSchema = describe(
  z
    .string()
    .check(
      z.regex(SPEC_PATTERN, { error: "is not a valid spec folder name" }),
      z.maxLength(SPEC_MAX, { error: `is longer than ${SPEC_MAX} characters` }),
    ),
  "Folder under `.kiro/specs/` holding this task's spec. Default: a slug of the title.",
  "a folder name of letters, digits, `.`, `_` and `-` (sub-folders with `/`), e.g. `token-service`",
);

export const durationSchema = describe(
  z.string().check(
    z.regex(DURATION_PATTERN, { error: "is not a duration", abort: true }),
    z.refine((text: string) => parseDuration(text) !== undefined, {
      error: "must be more than zero and at most a year",
    }),
  ),
  "A duration: a whole number and a unit (ms, s, m, h, d, w), e.g. `30m`, `4h`, `2d`, `1h30m`.",
  "write a number and a unit, e.g. `30m`, `4h`, `2d` or `1h30m`",
);

/** A path (or path pattern) string: the problem `explain` finds is the issue, with its hint. */
export function pathString(explain: (text: string) => PathProblem | undefined): z.ZodMiniString<string> {
  return z.string().check(
    z.superRefine((text: string, ctx) => {
      const problem = explain(text);
      if (problem)
        ctx.addIssue({
          code: "custom",
          message: problem.message,
          params: { hint: problem.hint, code: "invalid-path" },
        });
    }),
  );
}

export const booleanHint = "write `true` or `false` (in YAML 1.2, `yes`, `no`, `on` and `off` are strings)";
