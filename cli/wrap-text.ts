/** Help text is wrapped at 100 columns, as gh and git keep theirs readable in a normal terminal. */
export const HELP_WIDTH = 100;

/**
 * `text` wrapped at `width` columns, each line after the first indented by `indent` spaces; words
 * longer than a line stay whole. Existing line breaks are kept.
 */
export function wrapText(text: string, width = HELP_WIDTH, indent = 0): string {
  const pad = " ".repeat(indent);
  return text
    .split("\n")
    .map((paragraph) => {
      const lines: string[] = [];
      let line = "";
      for (const word of paragraph.split(/ +/)) {
        const next = line === "" ? word : `${line} ${word}`;
        const limit = lines.length === 0 ? width : width - indent;
        if (next.length > limit && line !== "") {
          lines.push(line);
          line = word;
        } else line = next;
      }
      lines.push(line);
      return lines.map((l, i) => (i === 0 ? l : pad + l)).join("\n");
    })
    .join("\n");
}
