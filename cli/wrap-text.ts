/** Help text is wrapped at 100 columns, as gh and git keep theirs readable in a normal terminal. */
export const HELP_WIDTH = 100;

/**
 * `text` wrapped at `width` columns, each line after the first indented by `indent` spaces; words
 * longer than a line stay whole. Existing line breaks are kept, and so are the spaces within a line
 * (a help row's indent and padded columns); the spaces where a line breaks are dropped.
 */
export function wrapText(text: string, width = HELP_WIDTH, indent = 0): string {
  const pad = " ".repeat(indent);
  return text
    .split("\n")
    .map((paragraph) => {
      // Words at even places, the runs of spaces between them at odd ones.
      const parts = paragraph.split(/( +)/);
      const lines: string[] = [];
      let line = parts[0] as string;
      for (let at = 1; at < parts.length; at += 2) {
        const [gap, word] = [parts[at] as string, parts[at + 1] as string];
        const limit = lines.length === 0 ? width : width - indent;
        if ((line + gap + word).length > limit && line.trim() !== "") {
          lines.push(line);
          line = word;
        } else line += gap + word;
      }
      lines.push(line);
      return lines.map((l, i) => (i === 0 ? l : pad + l)).join("\n");
    })
    .join("\n");
}
