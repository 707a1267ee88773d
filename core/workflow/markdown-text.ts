/** Shorten a title or criterion for a one-line message. */
export function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `20, 31, 40` or `20, 31, 40, 52, 60 and 3 more`: where else to look, without flooding the message. */
export function describeLines(entries: { line: number }[]): string {
  const shown = entries.slice(0, 5).map((e) => String(e.line));
  return entries.length > 5 ? `${shown.join(", ")} and ${entries.length - 5} more` : shown.join(", ");
}
