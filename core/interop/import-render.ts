import { Document, isCollection, isScalar, visit } from "yaml";
import { PLAN_SCHEMA_ID } from "../plan/render-json-schema.js";
import type { ImportedTask } from "./import-task.js";
import type { ImportedApprovalGroup } from "./import-approval.js";

/** The plan `importSpec` writes, keys in the order they are rendered. */
export interface ImportedPlan {
  version: 1;
  id: string;
  title: string;
  description: string;
  approvers?: string[];
  approval?: ImportedApprovalGroup[];
  workflow: { phases: ImportedPhase[] };
  tasks: ImportedTask[];
}

export interface ImportedPhase {
  id: string;
  weight: number;
  approval_required: boolean;
  deliverables: ({ path: string; checks: Record<string, boolean> } | { signal: "ci_green" })[];
}

/** Short lists stay on one line (`dependencies: [T001, T002]`), as in the examples. */
const FLOW_LISTS = new Set(["dependencies", "approvers", "from"]);

/**
 * The plan as YAML: deterministic (same input, same bytes), keys in schema order, ids that look like numbers
 * quoted (`"2.1"`), no line folding. The modeline points editors at the published schema (a relative path
 * would only work inside Phasegate's own repository); the second comment says where the plan came from.
 */
export function renderImportedPlan(plan: ImportedPlan, from: { folder: string; flavour: string }): string {
  const doc = new Document(plan);
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && FLOW_LISTS.has(String(pair.key.value)) && isCollection(pair.value)) {
        pair.value.flow = true;
      }
    },
  });
  doc.commentBefore = [
    ` yaml-language-server: $schema=${PLAN_SCHEMA_ID}`,
    ` Imported by phasegate import from ${from.folder} (${from.flavour}) — review before committing`,
  ].join("\n");
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
