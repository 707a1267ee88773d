import { findPlan, formatPlanIssue, importSpec, parsePlan, PLAN_DIRS } from "../../core/index.js";
import { markdownText, renderCodeBlock } from "../../core/index.js";
import type { LocalRepo } from "../../local/local-repo.js";
import type { Outcome } from "../outcome.js";
import { resolveRepoPath } from "../plan-paths.js";

/** What `importSpec` reads from a spec folder (as the CLI's import); `spec.json` also tells cc-sdd apart. */
const SPEC_FILES = ["tasks.md", "spec.json", "requirements.md", "design.md", "spec.md", "plan.md"];

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
export async function importPlan(repo: LocalRepo, workdir: string, input: ImportInput): Promise<Outcome> {
  const found = await resolveRepoPath(repo, workdir, input.folder);
  if (found.kind !== "folder")
    return refuse(`${input.folder} is a file; "path" names the spec folder that holds tasks.md`);
  const files: Record<string, string> = {};
  for (const name of SPEC_FILES) {
    // Through the Repo port: each path is confined, so a symlinked tasks.md cannot read outside the checkout.
    const file = await repo.read(found.path === "" ? name : `${found.path}/${name}`);
    if (file) files[name] = file.text;
  }
  const result = importSpec({
    folder: found.path,
    files,
    ...(input.id !== undefined && { id: input.id }),
    ...(input.approvers.length > 0 && { approvers: input.approvers }),
  });
  const planFile = `${PLAN_DIRS[0]}/${result.id}.yaml`;
  const { plan, issues } = parsePlan(result.yaml, planFile);
  if (!plan) {
    const listed = issues.map(formatPlanIssue).join("; ");
    return refuse(`the imported plan does not validate (a bug; please report it with the folder): ${listed}`);
  }
  if (input.write) {
    const existing = await findPlan(repo, result.id);
    if (existing) {
      return refuse(`${existing.path} already exists; set "id" to import under another id, or remove it first`);
    }
    await repo.write(planFile, result.yaml);
  }
  return {
    outputs: { plan: result.yaml, "plan-file": planFile },
    summary: renderImportSummary({ ...result, folder: found.path, planFile, written: input.write }),
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
