import { GITHUB_TITLE_MAX } from "../plan/plan-patterns.js";
import { cutText, plainText } from "./import-title.js";
import type { TaskItem } from "./task-item.js";

/** A plan task as written to YAML; keys in the order they are rendered. */
export interface ImportedTask {
  id: string;
  title: string;
  description?: string;
  dependencies?: string[];
  source: { file: string; item: string };
}

/** Each description line is cut here, so one long detail line cannot crowd out the rest. */
const LINE_MAX = 500;

/**
 * One plan task for a task-list item. The title loses its markdown emphasis and is cut so that the
 * issue title `<id>: <title>` fits GitHub's 256 characters (the full title then opens the description).
 * The description is short: requirement references, the user story, the first detail line.
 */
export function buildImportedTask(item: TaskItem, id: string, file: string, dependencies: string[]): ImportedTask {
  const full = plainText(item.title) || `Task ${item.id}`;
  const title = cutText(full, GITHUB_TITLE_MAX - id.length - 2);
  const notes = [
    ...(item.requirements.length > 0 ? [`Requirements: ${item.requirements.join(", ")}`] : []),
    ...(item.story ? [`Story: ${item.story}`] : []),
    ...item.details.slice(0, 1).map((d) => d.trim().replace(/^[-*+]\s+/, "")),
  ].filter((line) => line !== "");
  const lines = [...(title === full ? [] : [full]), ...notes.map((line) => cutText(line, LINE_MAX))];
  return {
    id,
    title,
    ...(lines.length > 0 && { description: lines.join("\n") }),
    ...(dependencies.length > 0 && { dependencies }),
    source: { file, item: item.id },
  };
}
