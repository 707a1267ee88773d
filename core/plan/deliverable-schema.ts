import * as z from "zod";
import { explainRepoPath } from "./explain-repo-path.js";
import { describe, fieldNotes } from "./schema-notes.js";

export const repoPath = describe(
  z.string().superRefine((path, ctx) => {
    const problem = explainRepoPath(path);
    if (problem)
      ctx.addIssue({ code: "custom", message: problem.message, params: { hint: problem.hint, code: "invalid-path" } });
  }),
  "A file relative to the repository root. May use {spec}, {task} and {milestone}, replaced per task.",
  "write a relative path such as `docs/design.md` or `.kiro/specs/{spec}/design.md`",
);

const fileChecks = z
  .strictObject({
    not_empty: describe(z.boolean(), "The file has content other than whitespace. Default true.").optional(),
    headings: describe(
      z.array(z.string().min(1)),
      "Markdown headings that must be present (case-insensitive, without the #s).",
    ).optional(),
    no_placeholders: describe(
      z.boolean(),
      "No TODO, TBD, [NEEDS CLARIFICATION] or similar markers. Default true.",
    ).optional(),
    checklist_complete: describe(z.boolean(), "Every non-optional checkbox item is ticked. Default false.").optional(),
    has_checklist: describe(z.boolean(), "At least one checkbox item exists. Default false.").optional(),
    requirements: describe(
      z.boolean(),
      "Numbered requirements, each with acceptance criteria (Kiro requirements.md). Default false.",
    ).optional(),
    requirements_covered: describe(
      z.boolean(),
      "Every requirement in the spec folder's requirements.md / spec.md (numbered requirements, FR-/SC- items, user stories) is referenced by a task in its tasks.md. Default false.",
    ).optional(),
    source_item: describe(
      z.boolean(),
      "The task's `source` item in this task list is done: its required sub-items, or the item itself when it has none. Default false.",
    ).optional(),
  })
  .meta({ id: "FileChecks", description: "Checks a file deliverable must pass; unset checks keep their defaults." });
fieldNotes.add(fileChecks, { hint: "a mapping of checks, e.g. `{ headings: [Overview], checklist_complete: true }`" });

const fileDeliverable = z
  .strictObject({ path: repoPath, checks: fileChecks.optional() })
  .meta({ id: "FileDeliverable", description: "A file with checks." });

const signalDeliverable = z
  .strictObject({
    signal: describe(
      z.enum(["ci_green", "pr_merged"]),
      "`ci_green`: checks pass on the milestone branch (locally: the test command exits 0). `pr_merged`: a PR linked to the task merged.",
    ),
  })
  .meta({ id: "SignalDeliverable", description: "A fact Phasegate observes instead of a file." });

/** A path string (default checks), `{ path, checks }`, or `{ signal }`. */
export const deliverableSchema = z
  .union([repoPath, fileDeliverable, signalDeliverable])
  .meta({ id: "Deliverable", description: "What a phase must produce: a file path, a file with checks, or a signal." });
fieldNotes.add(deliverableSchema, {
  hint: "a deliverable is a path string, `{ path: …, checks: { … } }`, or `{ signal: ci_green }` / `{ signal: pr_merged }`",
});

export type DeliverableInput = z.output<typeof deliverableSchema>;
