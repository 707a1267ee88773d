import { isMap, Pair, Scalar, type Document } from "yaml";
import { planEdits, type PlanEdit } from "./plan-edits.js";
import { readYaml } from "./read-yaml.js";
import { spliceEdits } from "./splice-edits.js";

export interface MigrateOptions {
  /** Keep the original protocol's state fields instead of removing them. Default false. */
  keepDerived?: boolean;
}

export interface MigrateResult {
  /** The migrated text; the input itself when nothing changed. */
  text: string;
  /** One line per change, e.g. "added `version: 1`"; empty when the file was already migrated. */
  changed: string[];
  /** The state fields removed, with their values, for a caller that wants to record them. */
  removed: Array<{ path: string; value: unknown }>;
}

/**
 * Rewrite a plan in the original protocol's shape as a compliant version 1 plan: add
 * `version: 1` (and `id` from the file name when missing), set `kiro_workflow.enabled: true`
 * where the original would not run a task, and remove derived state fields. Everything else is
 * kept byte for byte where the layout allows, else re-rendered with comments kept. Idempotent.
 * A file that is not valid YAML, or not a mapping, is returned unchanged (parsePlan explains it).
 */
export function migratePlan(text: string, file: string, options: MigrateOptions = {}): MigrateResult {
  const unchanged: MigrateResult = { text, changed: [], removed: [] };
  const { source } = readYaml(text, file);
  const root = source?.doc.contents;
  if (!source || !isMap(root)) return unchanged;
  const edits = planEdits(source.doc, file, options.keepDerived ?? false);
  if (edits.length === 0) return unchanged;
  // Lines the migration adds end like the file's own lines: a CRLF file stays CRLF throughout.
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const spliced = spliceEdits(text, root, edits, eol);
  applyToDocument(source.doc, edits);
  const lf = source.doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  const rendered = eol === "\n" ? lf : lf.replace(/\r?\n/g, eol);
  // A migration never turns a file that reads cleanly into one that does not (the yaml library
  // prints back some inputs it would then refuse); such a file is left for parsePlan to explain.
  const meaning = cleanData(rendered, file);
  if (meaning === undefined) return unchanged;
  // The splice keeps the file's own formatting; it is used only when it means exactly what the re-rendered document means.
  const migrated = spliced !== undefined && cleanData(spliced, file) === meaning ? spliced : rendered;
  const removed = edits.flatMap((edit) => (edit.kind === "remove-pair" ? edit.removed : []));
  return { text: migrated, changed: describe(edits, removed), removed };
}

function applyToDocument(doc: Document, edits: readonly PlanEdit[]): void {
  const root = doc.contents;
  if (!isMap(root)) return;
  const tops = edits.flatMap((edit) =>
    edit.kind === "add-top" ? [new Pair(new Scalar(edit.key), new Scalar(edit.value))] : [],
  );
  for (const edit of edits) {
    if (edit.kind === "set-true") edit.node.value = true;
    else if (edit.kind === "add-pair") {
      const pair = new Pair(new Scalar(edit.key), doc.createNode(edit.value));
      if (edit.at === "first") edit.map.items.unshift(pair);
      else edit.map.items.push(pair);
    } else if (edit.kind === "remove-pair") {
      edit.map.items = edit.map.items.filter((pair) => pair !== edit.pair);
    }
  }
  if (tops.length === 0) return;
  // Comments above the first key (a schema modeline, a title) stay at the top of the file.
  const first = root.items[0]?.key;
  if (first instanceof Scalar && first.commentBefore) {
    (tops[0]!.key as Scalar).commentBefore = first.commentBefore;
    first.commentBefore = undefined;
  }
  root.items.unshift(...tops);
}

/** What a text means as JSON, when it reads without errors (readYaml); undefined otherwise. */
function cleanData(text: string, file: string): string | undefined {
  const { source, issues } = readYaml(text, file);
  if (!source || issues.some((issue) => issue.severity === "error")) return undefined;
  return JSON.stringify(source.value);
}

function describe(edits: readonly PlanEdit[], removed: MigrateResult["removed"]): string[] {
  const lines: string[] = [];
  for (const edit of edits) {
    if (edit.kind === "add-top")
      lines.push(
        edit.key === "id" ? `added \`id: ${edit.value}\` (from the file name)` : `added \`${edit.key}: ${edit.value}\``,
      );
    else if (edit.kind === "set-true" || edit.kind === "add-pair") lines.push(edit.label);
  }
  if (removed.length > 0) {
    const names = [...new Set(removed.map((r) => r.path.slice(r.path.lastIndexOf(".") + 1)))];
    lines.push(
      `removed ${removed.length} derived state field${removed.length === 1 ? "" : "s"} (${names.map((n) => `\`${n}\``).join(", ")})`,
    );
  }
  return lines;
}
