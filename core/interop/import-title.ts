import { GITHUB_TITLE_MAX } from "../plan/plan-patterns.js";
import type { TaskList } from "./task-item.js";

/**
 * H1 words that name the document rather than the feature: `# Implementation Plan`, `# Tasks`,
 * `# Tasks Document`, `# 実装計画`, `# Plan de Implementación`, `# 任务清单`. Seen in the corpus' H1s.
 */
const GENERIC =
  /^(?:implementation\s+(?:plan|tasks)|tasks?(?:\s+(?:plan|list|document|breakdown))?|plan\s+de\s+implementaci[oó]n|plano\s+de\s+implementa[cç][aã]o|tareas|tarefas|実装計画|実装タスク|タスク(?:一覧)?|任务清单|任务列表|任務清單)$/iu;
/** `Generic: X`, `Generic：X`, `Generic — X`, `Generic - X`. */
const SPLIT = /^(.+?)\s*(?:[:：]|\s[-—–]\s)\s*(.+)$/u;

/**
 * The milestone title: the feature named in the task list's H1 (`# Tasks: X`, `# Implementation Plan — X` → X),
 * the H1 itself when it names the feature (`# UI Hub 実装タスク`), else the folder's name made readable.
 */
export function readMilestoneTitle(list: TaskList, folder: string): string {
  const h1 = list.groups.find((g) => g.level === 1)?.title;
  const heading = h1 === undefined ? "" : plainText(h1);
  const split = SPLIT.exec(heading);
  const named = split && GENERIC.test(split[1]!.trim()) ? split[2]!.trim() : GENERIC.test(heading) ? "" : heading;
  return cutText(named || humanise(folder), GITHUB_TITLE_MAX);
}

/** `.kiro/specs/01-sistema-lista-espera` → `Sistema lista espera`; `specs/001-db-query-tool` → `Db query tool`. */
export function humanise(folder: string): string {
  const last = folder.split("/").filter(Boolean).at(-1) ?? "";
  const words = last
    .replace(/^\d+[-_.\s]+(?=\D)/, "")
    .replace(/[-_]+/g, " ")
    .trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : "Imported spec";
}

/**
 * Markdown emphasis out of a one-line title (issue titles do not render it): `**Phase 1**: x` → `Phase 1: x`,
 * `*word*` and `_word_` at word edges; inline code stays (backticks are meaningful in a title). Whitespace runs
 * become one space.
 */
export function plainText(text: string): string {
  return text
    .replace(/\*\*|__/g, "")
    .replace(/(^|[\s(（「])[*_](?=\S)(.+?)(?<=\S)[*_](?=$|[\s).,:;!?）」、。])/gu, "$1$2")
    .replace(/\s+/g, " ")
    .trim();
}

/** `text` in at most `max` UTF-16 units (the validator's measure), ending in `…` when cut, never splitting a pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = "";
  for (const char of text) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return `${out.trimEnd()}…`;
}
