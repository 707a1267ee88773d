import { isMap, isScalar, parseDocument, type Scalar } from "yaml";

/** cc-sdd's approval stages in `spec.json`, by the Phasegate phase that stands for each. */
export const CCSDD_STAGE_OF_PHASE: Readonly<Record<string, "requirements" | "design" | "tasks">> = {
  design: "design",
  spec: "requirements",
  task: "tasks",
};

/**
 * `spec.json` with `approvals.<stage>.approved` set to true, changing only those bytes (`false` →
 * `true`), so cc-sdd's own commands see the gate Phasegate passed and the diff touches one value.
 * Undefined when there is nothing to change: already approved, no such field, or not JSON we can
 * read. cc-sdd's layout: `{ "approvals": { "requirements": { "generated": true, "approved": false } } }`.
 */
export function setCcsddApproval(text: string, stage: "requirements" | "design" | "tasks"): string | undefined {
  const doc = parseDocument(text, { keepSourceTokens: true });
  if (doc.errors.length > 0) return undefined;
  const approvals = doc.get("approvals", true);
  const entry = isMap(approvals) ? approvals.get(stage, true) : undefined;
  const approved = isMap(entry) ? (entry.get("approved", true) as Scalar | undefined) : undefined;
  if (!isScalar(approved) || approved.value !== false || !approved.range) return undefined;
  const [start, end] = approved.range;
  if (text.slice(start, end) !== "false") return undefined;
  return text.slice(0, start) + "true" + text.slice(end);
}
