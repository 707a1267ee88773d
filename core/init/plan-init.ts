import { addLogAttributes } from "../use-cases/add-log-attributes.js";
import { findPlan, PLAN_DIRS } from "../use-cases/find-plan.js";
import { parsePlan } from "../plan/parse-plan.js";
import { PlanError } from "../plan/plan-error.js";
import { MILESTONE_ID_PATTERN } from "../plan/plan-patterns.js";
import { parseRepositorySettings, SETTINGS_PATH } from "../settings/parse-repository-settings.js";
import type { FileReader } from "../ports.js";
import { adaptWorkflow, ACTION_USES_PATTERN } from "./adapt-workflow.js";
import { renderStarterPlan } from "./render-starter-plan.js";
import { renderStarterSettings } from "./render-starter-settings.js";

export interface InitInput {
  id: string;
  title: string;
  approvers: string[];
  testCommand?: string;
  /** A plan imported from a spec folder, written instead of the starter plan. */
  imported?: { id: string; yaml: string };
  /** The Action-only workflow set (file name → text, from docs/workflows/action-only); [] for the App. */
  workflows: { name: string; text: string }[];
  /** How the workflows reference the Action (`owner/phasegate@v1`); unset keeps `<owner>`. */
  uses?: string;
  /** The branch plans are read from: the workflows' trigger. */
  defaultBranch: string;
  /** Overwrite files that exist (never a plan of the same id in another plan folder). */
  force: boolean;
}

export interface InitFile {
  path: string;
  text: string;
  /**
   * `update`: a line added to a file that exists (`.gitattributes`), nothing else in it changed;
   * `unchanged`: the file already holds exactly this text (a second run, another milestone's init).
   */
  action: "create" | "overwrite" | "update" | "unchanged";
}

export interface InitPlan {
  id: string;
  planFile: string;
  files: InitFile[];
}

/** `init` would overwrite files (without --force), or the input cannot make a repository's setup. */
export class InitRefused extends Error {
  constructor(
    message: string,
    readonly existing: string[] = [],
  ) {
    super(message);
    this.name = "InitRefused";
  }
}

const WORKFLOW_DIR = ".github/workflows";
const GITATTRIBUTES = ".gitattributes";

/**
 * What `phasegate init` writes, decided before anything is written: the plan (the starter, or one
 * imported from a spec folder), `.github/phasegate.yml`, the Action-only workflows, and the log's
 * merge attributes. Every file is checked first: the plan and the settings must validate, and a file
 * that exists is refused (listing all of them) unless `force`, so a refusal leaves the tree as it was.
 */
export async function planInit(repo: FileReader, input: InitInput): Promise<InitPlan> {
  const id = input.imported?.id ?? input.id;
  if (!MILESTONE_ID_PATTERN.test(id)) {
    throw new InitRefused(
      `"${id}" is not a milestone id: lowercase letters, digits, ".", "_" and "-", starting and ending with a letter or digit`,
    );
  }
  if (input.uses !== undefined && !ACTION_USES_PATTERN.test(input.uses)) {
    throw new InitRefused(`--uses "${input.uses}" is not an Action reference like owner/phasegate@v1`);
  }
  const planFile = `${PLAN_DIRS[0]}/${id}.yaml`;
  const existingPlan = await findPlan(repo, id);
  if (existingPlan && existingPlan.path !== planFile) {
    throw new InitRefused(`milestone ${id} already has a plan, ${existingPlan.path}; choose another id with --id`, [
      existingPlan.path,
    ]);
  }
  const plan =
    input.imported?.yaml ??
    renderStarterPlan({
      id,
      title: input.title,
      approvers: input.approvers,
      ...(input.testCommand !== undefined && { testCommand: input.testCommand }),
    });
  const parsed = parsePlan(plan, planFile);
  if (!parsed.plan) throw new PlanError(parsed.issues.filter((i) => i.severity === "error"));
  const settings = renderStarterSettings();
  const settingsCheck = parseRepositorySettings(settings);
  if (!settingsCheck.settings) throw new PlanError(settingsCheck.issues);
  const wanted = [
    { path: planFile, text: plan },
    { path: SETTINGS_PATH, text: settings },
    ...input.workflows.map((w) => ({
      path: `${WORKFLOW_DIR}/phasegate-${w.name}`,
      text: adaptWorkflow(w.text, {
        milestone: id,
        branch: input.defaultBranch,
        ...(input.uses !== undefined && { uses: input.uses }),
      }),
    })),
  ];
  const files: InitFile[] = [];
  const existing: string[] = [];
  for (const file of wanted) {
    const found = await repo.read(file.path);
    if (found && found.text !== file.text) existing.push(file.path);
    files.push({ ...file, action: !found ? "create" : found.text === file.text ? "unchanged" : "overwrite" });
  }
  if (existing.length > 0 && !input.force) {
    throw new InitRefused(
      `${existing.join(", ")} already exist${existing.length === 1 ? "s" : ""}; nothing was written (--force overwrites)`,
      existing,
    );
  }
  const attributes = await repo.read(GITATTRIBUTES);
  const withLog = addLogAttributes(attributes?.text);
  if (withLog !== undefined)
    files.push({ path: GITATTRIBUTES, text: withLog, action: attributes ? "update" : "create" });
  return { id, planFile, files };
}
