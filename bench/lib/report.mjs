// Figures to text: aligned markdown tables (readable on a terminal as they are) and the number formats.

/** A markdown table with padded columns; `align` per column: "l" or "r" (default: first l, rest r). */
export function table(header, rows, align = header.map((_, i) => (i === 0 ? "l" : "r"))) {
  const cells = [header, ...rows].map((row) => row.map(String));
  const width = header.map((_, i) => Math.max(3, ...cells.map((row) => row[i].length)));
  const line = (row) =>
    `| ${row.map((cell, i) => (align[i] === "r" ? cell.padStart(width[i]) : cell.padEnd(width[i]))).join(" | ")} |`;
  const rule = `| ${width.map((w, i) => (align[i] === "r" ? "-".repeat(w - 1) + ":" : "-".repeat(w))).join(" | ")} |`;
  return [line(cells[0]), rule, ...cells.slice(1).map(line)].join("\n");
}

export const ms = (value) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
export const us = (value) => value.toFixed(2);
export const ratio = (value) => `${value.toFixed(2)}×`;
export const mib = (bytes) => (bytes / (1024 * 1024)).toFixed(1);
export const count = (value) => value.toLocaleString("en-US");
