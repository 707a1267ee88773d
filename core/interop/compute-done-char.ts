import type { ScanResult } from "./scan-lines.js";

/** `X` when the file already writes `[X]` more often than `[x]` (Spec Kit's /implement prompt), else `x`. */
export function computeDoneChar(scan: ScanResult): "x" | "X" {
  let lower = 0;
  let upper = 0;
  for (const l of scan.lines) {
    const raw =
      l.kind === "checkbox" || l.kind === "status" ? l.box.raw : l.kind === "heading" ? l.box?.raw : undefined;
    if (raw === "x") lower++;
    else if (raw === "X") upper++;
  }
  return upper > lower ? "X" : "x";
}
