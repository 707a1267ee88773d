import { readDetailLine } from "./read-detail-line.js";
import type { TaskItem } from "./task-item.js";

/**
 * Puts the lines under a task where they belong: requirement refs, dependencies, `_Key: value_` fields,
 * or details. A field left open (`_Prompt: |`, or no closing `_`) swallows every following line indented
 * deeper than its bullet, blank lines included, so a prompt's own `_Requirements:` or `- [ ]` text is
 * never read as the task's (spec-workflow, FORMATS §3).
 */
export class DetailRouter {
  private field: { item: TaskItem; key: string; indent: number; lines: string[] } | undefined;

  /** True when the line belongs to an open field, which then keeps it. */
  absorbs(indent: number, text: string): boolean {
    if (!this.field || indent <= this.field.indent) return false;
    this.field.lines.push(text.trim());
    return true;
  }

  /** A blank line inside an open field is part of it (prompts have paragraphs). */
  blank(): void {
    this.field?.lines.push("");
  }

  close(): void {
    if (!this.field) return;
    const { item, key, lines } = this.field;
    item.meta[key] = lines.join("\n").trim().replace(/_$/, "").trimEnd();
    this.field = undefined;
  }

  route(item: TaskItem, text: string, indent: number): void {
    const d = readDetailLine(text.trim());
    if (d.kind === "requirements") item.requirements.push(...d.refs);
    else if (d.kind === "depends") item.dependencies.push(...d.refs);
    else if (d.kind === "text") item.details.push(d.text);
    else if (d.open)
      this.field = { item, key: d.key, indent, lines: d.value === "|" || d.value === ">" ? [] : [d.value] };
    else if (d.value !== "")
      item.meta[d.key] = item.meta[d.key] === undefined ? d.value : `${item.meta[d.key]}\n${d.value}`;
  }
}
