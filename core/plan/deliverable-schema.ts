import * as z from "zod/mini";
import { explainRepoPath } from "./explain-repo-path.js";
import { pathString } from "./field-schemas.js";
import { describe, fieldNotes, withMeta } from "./schema-notes.js";

export const repoPath = describe(
  pathString(explainRepoPath),
  "A file relative to the repository root. May use {spec}, {task} and {milestone}, replaced per task.",
  "write a relative path such as `docs/design.md` or `.kiro/specs/{spec}/design.md`",
);

const fileChecks = withMeta(
  z.strictObject({
    not_empty: z.optional(describe(z.boolean(), "The file has content other than whitespace. Default true.")),
    headings: z.optional(
      describe(
        z.array(z.string().check(z.minLength(1))),
        "Markdown headings that must be present (case-insensitive, without the #s).",
      ),
    ),
    no_placeholders: z.optional(
      describe(z.boolean(), "No TODO, TBD, [NEEDS CLARIFICATION] or similar markers. Default true."),
    ),
    checklist_complete: z.optional(describe(z.boolean(), "Every non-optional checkbox item is ticked. Default false.")),
    has_checklist: z.optional(describe(z.boolean(), "At least one checkbox item exists. Default false.")),
    requirements: z.optional(
      describe(
        z.boolean(),
        "Numbered requirements, each with acceptance criteria (Kiro requirements.md). Default false.",
      ),
    ),
    requirements_covered: z.optional(
      describe(
        z.boolean(),
        "Every requirement in the spec folder's requirements.md / spec.md (numbered requirements, FR-/SC- items, user stories) is referenced by a task in its tasks.md. Default false.",
      ),
    ),
    source_item: z.optional(
      describe(
        z.boolean(),
        "The task's `source` item in this task list is done: its required sub-items, or the item itself when it has none. Default false.",
      ),
    ),
  }),
  { id: "FileChecks", description: "Checks a file deliverable must pass; unset checks keep their defaults." },
);
fieldNotes.add(fileChecks, { hint: "a mapping of checks, e.g. `{ headings: [Overview], checklist_complete: true }`" });

const fileDeliverable = withMeta(z.strictObject({ path: repoPath, checks: z.optional(fileChecks) }), {
  id: "FileDeliverable",
  description: "A file with checks.",
});

const signalDeliverable = withMeta(
  z.strictObject({
    signal: describe(
      z.enum(["ci_green", "pr_merged"]),
      "`ci_green`: checks pass on the milestone branch (locally: the test command exits 0). `pr_merged`: a PR linked to the task merged.",
    ),
  }),
  { id: "SignalDeliverable", description: "A fact Phasegate observes instead of a file." },
);

/** A path string (default checks), `{ path, checks }`, or `{ signal }`. */
export const deliverableSchema = withMeta(z.union([repoPath, fileDeliverable, signalDeliverable]), {
  id: "Deliverable",
  description: "What a phase must produce: a file path, a file with checks, or a signal.",
});
fieldNotes.add(deliverableSchema, {
  hint: "a deliverable is a path string, `{ path: …, checks: { … } }`, or `{ signal: ci_green }` / `{ signal: pr_merged }`",
});

export type DeliverableInput = z.output<typeof deliverableSchema>;
