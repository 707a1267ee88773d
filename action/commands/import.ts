import {
  importPlan as importPlanUseCase,
  PlanExists,
  markdownText,
  renderCodeBlock,
  type ImportFiles,
} from "../../core/index.js";
import { resolveRepoPath, type CheckoutFiles } from "../../local/plan-paths.js";
import type { Outcome } from "../outcome.js";

export interface ImportInput {
  folder: string;
  id?: string;
  approvers: string[];
  write: boolean;
}

/**
 * Turn a spec folder (Kiro, cc-sdd, spec-workflow, Spec Kit) into a plan, as `phasegate import` does:
 * the YAML is an output; with `write` it is saved to `.milestones/<id>.yaml`, never over an existing plan.
 */
export async function importPlan(
  repo: CheckoutFiles & ImportFiles,
  workdir: string,
  input: ImportInput,
): Promise<Outcome> {
  const found = await resolveRepoPath(repo, workdir, input.folder);
  if (found.kind !== "folder")
    return refuse(`${input.folder} is a file; "path" names the spec folder that holds tasks.md`);
  let result;
  try {
    result = await importPlanUseCase(repo, {
      folder: found.path,
      write: input.write,
      ...(input.id !== undefined && { id: input.id }),
      ...(input.approvers.length > 0 && { approvers: input.approvers }),
    });
  } catch (error) {
    if (!(error instanceof PlanExists)) throw error;
    return refuse(`${error.path} already exists; set "id" to import under another id, or remove it first`);
  }
  return {
    outputs: { plan: result.yaml, "plan-file": result.planFile },
    summary: renderImportSummary({ ...result, folder: found.path }),
    warnings: result.warnings.map((w) => `import: ${w}`),
  };
}

function refuse(message: string): Outcome {
  return {
    failure: `phasegate import: ${message}`,
    outputs: {},
    summary: `## Phasegate import: failed\n\n${markdownText(message)}\n`,
  };
}

interface ImportSummary {
  id: string;
  flavour: string;
  taskCount: number;
  warnings: string[];
  yaml: string;
  folder: string;
  planFile: string;
  written: boolean;
}

export function renderImportSummary(r: ImportSummary): string {
  const out = [`## Phasegate import: \`${r.id}\``, ""];
  out.push(
    `${r.taskCount} tasks from \`${markdownText(r.folder || ".")}/tasks.md\` (${r.flavour}).`,
    r.written
      ? `Wrote \`${r.planFile}\` in the workspace; commit it on the default branch to use it.`
      : `Not written (set \`write: true\` to save \`${r.planFile}\`); the YAML is in the \`plan\` output.`,
    "",
  );
  if (r.warnings.length > 0) {
    out.push(`### Warnings (${r.warnings.length})`, "", ...r.warnings.map((w) => `- ${markdownText(w)}`), "");
  }
  out.push("<details><summary>The plan</summary>", "", renderCodeBlock(r.yaml, "yaml"), "", "</details>", "");
  return out.join("\n");
}
