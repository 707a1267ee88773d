import type { ScannedLine } from "./scan-lines.js";
import type { Flavour, TaskItem } from "./task-item.js";

export interface FlavourHints {
  /** Repository-relative path of the file, `/`-separated. */
  path?: string;
  /** Names of the files in the same folder. */
  siblings?: string[];
}

const SPEC_KIT_LINE = /^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]\s+(?:\*\*)?T\d{3}/;
const KIRO_LINE = /^\s*(?:[-*+]|\d+[.)])\s+\[.\]\*?\s+(?:\*\*)?\d+(?:\.\d+)*\.?\s/;
const SPEC_WORKFLOW_FIELD = /^\s*[-*+]\s+_(?:Prompt|Leverage)\s*:/;
const CC_SDD_FIELD = /^\s*[-*+]\s+_(?:Boundary|Depends|Contracts)\s*:|^\s*[-*+]\s+\[.\]\*?\s+\d+(?:\.\d+)*\.?\s+\(P\)/;

/**
 * FORMATS §6.1, first match wins: `spec.json` beside the file → cc-sdd; `.spec-workflow/` or
 * `_Prompt:`/`_Leverage:` → spec-workflow; mostly `T###` ids → Spec Kit; `.kiro/specs/` or dotted ids → Kiro;
 * else generic. Two additions: heading tasks count towards the Spec Kit share (`#### T001:` files have
 * id-less checkboxes only), and without a sibling list the cc-sdd-only fields (`_Boundary:_`, `(P)`) say cc-sdd.
 */
export function detectFlavour(lines: ScannedLine[], items: TaskItem[], hints: FlavourHints = {}): Flavour {
  const path = (hints.path ?? "").replace(/\\/g, "/");
  if (hints.siblings?.includes("spec.json")) return "cc-sdd";
  const visible = lines.filter((l) => l.kind !== "hidden");
  if (path.includes(".spec-workflow/") || visible.some((l) => SPEC_WORKFLOW_FIELD.test(l.text))) return "spec-workflow";

  const boxes = visible.filter((l) => l.kind === "checkbox");
  const kitLines = boxes.filter((l) => SPEC_KIT_LINE.test(l.text)).length;
  const written = items.filter((i) => i.idWritten && i.kind !== "synthetic");
  const kitIds = written.filter((i) => /^T-?\d{3}/.test(i.id)).length;
  if (kitLines * 2 > boxes.length || (kitIds > 0 && kitIds * 2 > written.length)) return "spec-kit";

  if (hints.siblings === undefined && visible.some((l) => CC_SDD_FIELD.test(l.text))) return "cc-sdd";
  if (path.includes(".kiro/specs/") || boxes.some((l) => KIRO_LINE.test(l.text))) return "kiro";
  return "generic";
}
