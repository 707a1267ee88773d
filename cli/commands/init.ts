import {
  ImportSpecError,
  importPlan,
  importSpecsPlan,
  InitRefused,
  planInit,
  type InitFile,
  type InitPlan,
} from "../../core/index.js";
import { runGit } from "../../local/git.js";
import { LocalRepo } from "../../local/local-repo.js";
import { registerMergeDriver } from "../register-merge-driver.js";
import { writeAllOrNone } from "../../local/write-all-or-none.js";
import { CommandFailed, emit, EXIT } from "../output.js";
import { readWorkflowTemplates } from "../read-workflow-templates.js";
import { plainCommand } from "./command.js";
import { getSpecFolders, ImportRefused } from "../get-spec-folders.js";

const DEFAULT_ID = "first-milestone";
const DONE = { create: "created", overwrite: "overwrote", update: "updated" } as const;

export const initCommand = plainCommand({
  registersDriver: true,
  name: "init",
  usage:
    "phasegate init [--id ID] [--title TEXT] [--approver LOGIN …] [--from SPEC_FOLDER] [--app] [--uses OWNER/phasegate@v1] [--force] [--dry-run] [--json]",
  summary:
    "Set a repository up for Phasegate and print the three next steps. Writes a starter plan that validates " +
    "(or the plan of a spec folder, --from), .github/phasegate.yml, the Action-only workflows in .github/workflows " +
    "(none with --app, for the GitHub App; --uses names the Action), the event log's .gitattributes line and merge " +
    "driver. Never overwrites a file without --force; --dry-run prints what it would write. Works before the first commit.",
  options: {
    id: { type: "string" },
    title: { type: "string" },
    approver: { type: "string", multiple: true },
    from: { type: "string" },
    app: { type: "boolean" },
    uses: { type: "string" },
    force: { type: "boolean" },
    "dry-run": { type: "boolean" },
  },
  failure(error) {
    const refuse = (message: string, existing: string[]) =>
      new CommandFailed("init", "init_refused", message, { refused: true, detail: { existing } });
    if (error instanceof InitRefused) return refuse(error.message, error.existing);
    if (error instanceof ImportSpecError || error instanceof ImportRefused) return refuse(error.message, []);
    return undefined;
  },
  async run({ args, io, cwd }) {
    const repo = await LocalRepo.open(cwd);
    const approvers = (args.values.approver as unknown as string[] | undefined) ?? [];
    const id = typeof args.values.id === "string" ? args.values.id : undefined;
    const app = Boolean(args.values.app);
    const dryRun = Boolean(args.values["dry-run"]);
    const { name: branch, record } = await defaultBranchOf(repo);
    const imported =
      typeof args.values.from === "string" ? await importFrom(repo, cwd, args.values.from, id, approvers) : undefined;
    const testCommand = await testCommandOf(repo);
    const plan = await planInit(repo, {
      id: id ?? DEFAULT_ID,
      title: typeof args.values.title === "string" ? args.values.title : "First milestone",
      approvers,
      ...(testCommand && { testCommand }),
      ...(imported && { imported }),
      workflows: app ? [] : await readWorkflowTemplates(),
      ...(typeof args.values.uses === "string" && { uses: args.values.uses }),
      defaultBranch: branch,
      force: Boolean(args.values.force),
    });
    let mergeDriver = false;
    if (!dryRun) {
      await writeAllOrNone(
        repo,
        plan.files.filter((f) => f.action !== "unchanged"),
      );
      mergeDriver = await registerMergeDriver(repo.root);
      if (record) await runGit(repo.root, ["config", "--local", "phasegate.defaultBranch", branch]);
    }
    const next = nextSteps(plan, branch, app, typeof args.values.uses === "string");
    const verb = (action: InitFile["action"]) =>
      action === "unchanged" ? action : dryRun ? `would ${action}` : DONE[action];
    const listed = plan.files.map((f) => `${verb(f.action)} ${f.path}\n`).join("");
    const text = dryRun
      ? `${listed}\n${plan.files[0]?.text ?? ""}\nNothing was written (--dry-run).\n`
      : `${listed}${mergeDriver ? "registered the event log's merge driver in .git/config\n" : ""}${
          record ? `set phasegate.defaultBranch to ${branch} in .git/config: plans are read from it\n` : ""
        }\nNext steps:\n${next.map((step, i) => `  ${i + 1}. ${step}\n`).join("")}`;
    emit(
      io,
      {
        ok: true,
        id: plan.id,
        planFile: plan.planFile,
        dryRun,
        files: plan.files,
        mergeDriverRegistered: mergeDriver,
        next,
      },
      text,
    );
    return EXIT.ok;
  },
});

/** The plan of a spec folder (or a folder of specs), as `phasegate import` makes it, not written. */
async function importFrom(repo: LocalRepo, cwd: string, given: string, id: string | undefined, approvers: string[]) {
  const { folder, specs } = await getSpecFolders(repo, cwd, given);
  const options = { folder, write: false, ...(id !== undefined && { id }), ...(approvers.length > 0 && { approvers }) };
  const result =
    specs.length > 0 ? await importSpecsPlan(repo, { ...options, specs }) : await importPlan(repo, { ...options });
  return { id: result.id, yaml: result.yaml };
}

/**
 * The default branch, as every command finds it. In a repository with no commits yet, the branch HEAD
 * names, which the first commit creates: when that is not one the lookup finds by itself (main, master,
 * init.defaultBranch), it is recorded as `phasegate.defaultBranch` so later commands read plans from it.
 */
async function defaultBranchOf(repo: LocalRepo): Promise<{ name: string; record: boolean }> {
  try {
    return { name: await repo.defaultBranch(), record: false };
  } catch (error) {
    const unborn = !(await repo.revision());
    const head = unborn
      ? (await runGit(repo.root, ["symbolic-ref", "--quiet", "--short", "HEAD"]).catch(() => "")).trim()
      : "";
    if (!head) throw error;
    const known = head === "main" || head === "master" || head === (await gitConfig(repo, "init.defaultBranch"));
    return { name: head, record: !known };
  }
}

async function gitConfig(repo: LocalRepo, key: string): Promise<string | undefined> {
  const value = await runGit(repo.root, ["config", "--get", key]).catch(() => "");
  return value.trim() || undefined;
}

/** `npm test` when package.json has a test script of its own (not npm init's placeholder). */
async function testCommandOf(repo: LocalRepo): Promise<string | undefined> {
  const file = await repo.read("package.json");
  if (!file) return undefined;
  try {
    const test = (JSON.parse(file.text) as { scripts?: { test?: unknown } }).scripts?.test;
    return typeof test === "string" && !test.includes("no test specified") ? "npm test" : undefined;
  } catch {
    return undefined;
  }
}

function nextSteps(plan: InitPlan, branch: string, app: boolean, uses: boolean): string[] {
  const paths = [...new Set(plan.files.map((f) => f.path.split("/").slice(0, 2).join("/")))].join(" ");
  const github = app
    ? "Install the Phasegate GitHub App on the repository (docs/app.md): its first sync creates the milestone, one issue per task and a dashboard; comment /activate on the dashboard."
    : `${uses ? "" : "Replace <owner> in .github/workflows/phasegate-*.yml with the account that hosts your Phasegate release (docs/action.md#referencing-the-action). "}After the push, the plan workflow syncs the milestone to GitHub (one issue per task and a dashboard); comment /activate on the dashboard.`;
  return [
    `Edit ${plan.planFile} (task titles, spec folders, approvers), then run \`phasegate validate\`.`,
    `Commit on ${branch} and push: git add ${paths} && git commit -m "Phasegate: milestone ${plan.id}" && git push`,
    `${github} Without GitHub: git switch -c milestone/${plan.id} && phasegate execute ${plan.id}`,
  ];
}
