/** The `.gitattributes` line for event logs: LF endings and Phasegate's merge driver (ADR 10). */
export const LOG_ATTRIBUTES = ".milestones/logs/*.jsonl text eol=lf merge=phasegate-log";

/**
 * `.gitattributes`' text (undefined: no file) with the log's line added after the last line, or
 * undefined when the line is already there. Nothing else in the file changes.
 */
export function addLogAttributes(current: string | undefined): string | undefined {
  const text = current ?? "";
  if (text.split(/\r?\n/).some((line) => line.trim() === LOG_ATTRIBUTES)) return undefined;
  const separator = text === "" || text.endsWith("\n") ? "" : "\n";
  return `${text}${separator}${LOG_ATTRIBUTES}\n`;
}
