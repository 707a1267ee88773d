import { SPEC_PATTERN, TASK_ID_PATTERN } from "../plan/plan-patterns.js";
import { slugify } from "../plan/slugify.js";
import { cutText, humanise, plainText } from "./import-title.js";
import { parseTaskList } from "./parse-task-list.js";
import { readToolClaims, renderToolClaims } from "./read-tool-claims.js";
import { specPhases, type PlanDeliverable, type SpecDocuments } from "./specs-folder-layout.js";
import type { Flavour, TaskList } from "./task-item.js";

/** One task of a specs-folder milestone, keys in the order they are rendered. */
export interface SpecTask {
  id: string;
  title: string;
  description: string;
  dependencies?: string[];
  spec: string;
  kiro_workflow?: { phases: Record<string, { deliverables: PlanDeliverable[] }> };
}

/** Words an H1 uses for the document rather than the feature (`# Requirements Document`, `# Feature Specification: X`). */
const GENERIC =
  /^(?:requirements?(?:\s+(?:document|specification))?|feature\s+specification|specification|要件定義書?|要件|requisitos|需求(?:文档)?)$/iu;

/**
 * The task for the spec folder `root/name`: id and `spec` from the folder name, title from the
 * requirements H1 (else the folder's name made readable), a description naming the documents present, the
 * boxes ticked and the tools' own claims (spec.json, .config.kiro), and phase overrides where the spec's
 * documents differ from the folder's (`spec.md` in a folder of `requirements.md`).
 */
export function buildSpecTask(
  root: string,
  name: string,
  files: Readonly<Record<string, string>>,
  documents: { own: SpecDocuments; folder: SpecDocuments },
): { task: SpecTask; flavour: Flavour } {
  const path = `${root}/${name}`;
  const list =
    files["tasks.md"] === undefined
      ? undefined
      : parseTaskList(files["tasks.md"], { path: `${path}/tasks.md`, siblings: Object.keys(files) });
  const flavour: Flavour =
    list?.flavour ?? (files["spec.json"] ? "cc-sdd" : documents.own.spec === "spec.md" ? "spec-kit" : "kiro");
  const present = ["requirements.md", "spec.md", "design.md", "plan.md", "tasks.md"].filter(
    (f) => files[f] !== undefined,
  );
  const boxes = list ? allBoxes(list) : [];
  const ticked = boxes.filter((state) => state === "done").length;
  const description = [
    `Spec folder \`${path}\` (${flavour}): ${present.length > 0 ? present.join(", ") : "no documents yet"}${list ? `; ${ticked} of ${boxes.length} boxes ticked at import` : ""}.`,
    ...renderToolClaims(readToolClaims(files)),
  ].join("\n");
  const overrides: Record<string, { deliverables: PlanDeliverable[] }> = {};
  for (const phase of specPhases(root, name, documents.own)) {
    const changed =
      (phase.id === "design" && documents.own.design !== documents.folder.design) ||
      (phase.id === "spec" && documents.own.spec !== documents.folder.spec);
    if (changed) overrides[phase.id] = { deliverables: phase.deliverables };
  }
  const task: SpecTask = {
    id: specTaskId(name),
    title: cutText(specTitle(files[documents.own.spec], name), 200),
    description,
    spec: name,
    ...(Object.keys(overrides).length > 0 && { kiro_workflow: { phases: overrides } }),
  };
  return { task, flavour };
}

/** A folder name the plan accepts as a `spec` (letters, digits, `.`, `_`, `-`). */
export function isSpecName(name: string): boolean {
  return SPEC_PATTERN.test(name) && !name.includes("/");
}

/** The folder name when the plan accepts it as a task id, else its slug. */
export function specTaskId(name: string): string {
  return TASK_ID_PATTERN.test(name) ? name : slugify(name) || "spec";
}

function specTitle(text: string | undefined, name: string): string {
  const h1 = text?.split(/\r?\n/).find((line) => /^#\s+\S/.test(line));
  const heading = h1 === undefined ? "" : plainText(h1.replace(/^#\s+/, ""));
  const split = /^(.+?)\s*(?:[:：]|\s[-—–]\s)\s*(.+)$/u.exec(heading);
  const named = split && GENERIC.test(split[1]!.trim()) ? split[2]!.trim() : GENERIC.test(heading) ? "" : heading;
  return named || humanise(name);
}

/** The state of every box in the file: tasks with a box of their own, their criteria, loose criteria. */
function allBoxes(list: TaskList): string[] {
  return [
    ...list.items.filter((i) => i.stateLine !== undefined).map((i) => i.state),
    ...list.items.flatMap((i) => i.criteria.map((c) => c.state)),
    ...list.criteria.map((c) => c.state),
  ];
}
