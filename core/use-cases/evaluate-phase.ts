import { hashText } from "../events/serialize-event.js";
import type { FileDeliverable, Phase, Plan, Task } from "../plan/plan.js";
import { fingerprintSourceItem } from "../workflow/check-source-item.js";
import type { CheckState, CiSignal, Snapshot } from "../ports.js";
import { checkDeliverable, type DeliverableFacts } from "../workflow/check-deliverable.js";
import { COVERAGE_FILES } from "../workflow/check-requirements-covered.js";
import type { Context } from "./context.js";

/** The verdict on a phase's deliverables, and a digest of exactly what was looked at. */
export interface Evaluation {
  ok: boolean;
  problems: string[];
  notes: string[];
  /** Deliverables that could not be read at all (a path refused, a disk error): the task needs a person. */
  failures: string[];
  /** sha256 over the deliverable files' paths and versions: approvals are tied to it. */
  digest: string;
  files: { path: string; version: string | null }[];
}

/** Memoises the CI signal within one run: the test command runs at most once per use case. */
export class SignalCache {
  private checks: Promise<CheckState> | undefined;
  constructor(private readonly ctx: Context) {}
  ciState(plan: Plan): Promise<CheckState> {
    this.checks ??= readCiSignal(this.ctx.ci, plan);
    return this.checks;
  }
}

/** The branch's checks, or the plan's test command run where the work is (none configured: unknown). */
async function readCiSignal(ci: CiSignal, plan: Plan): Promise<CheckState> {
  if (ci.kind === "branch-checks") return ci.checkState(plan.branch);
  const argv = plan.settings.testCommand ?? [];
  if (argv[0] === undefined || argv[0] === "") return { state: "unknown", summary: "no test_command configured" };
  return ci.run(argv);
}

/** A file's version, or for an imported task's shared task list the fingerprint of its own item. */
function versionOf(deliverable: FileDeliverable, facts: DeliverableFacts): string | null {
  if (!facts.file) return null;
  if (!deliverable.checks.sourceItem || !facts.source) return facts.file.version;
  return `item:${hashText(fingerprintSourceItem(facts.file.text, deliverable.path, facts.source))}`;
}

/** The folder's tasks.md / requirements.md / spec.md; what was read joins the digest, so approvals see it. */
async function readCompanions(path: string, work: Snapshot, files: Evaluation["files"]) {
  const folder = path.slice(0, path.lastIndexOf("/") + 1);
  const found = [];
  for (const name of COVERAGE_FILES) {
    const file = folder + name === path ? undefined : await work.read(folder + name);
    if (!file) continue;
    found.push(file);
    if (!files.some((f) => f.path === file.path)) files.push({ path: file.path, version: file.version });
  }
  return found;
}

/** Check a phase's deliverables as they are in `work` (and the CI signal, through the forge). */
export async function evaluatePhase(
  plan: Plan,
  task: Task,
  phase: Phase,
  signals: SignalCache,
  work: Snapshot,
): Promise<Evaluation> {
  const problems: string[] = [];
  const notes: string[] = [];
  const files: Evaluation["files"] = [];
  const failures: string[] = [];
  // Files first: the CI signal (locally: the test command) is only worth running once they pass.
  const ordered = [...phase.deliverables].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "file" ? -1 : 1));
  for (const deliverable of ordered) {
    if (deliverable.kind === "signal" && problems.length > 0) break;
    let facts: DeliverableFacts;
    try {
      facts =
        deliverable.kind === "file"
          ? { file: await work.read(deliverable.path), ...(task.source && { source: task.source }) }
          : deliverable.signal === "ci_green"
            ? { checks: await signals.ciState(plan) }
            : {};
    } catch (error) {
      // One unreadable deliverable (a symlink out of the repository) stops this task, not the run.
      const reason = error instanceof Error ? error.message : String(error);
      failures.push(deliverable.kind === "file" ? `${deliverable.path}: ${reason}` : reason);
      problems.push(failures.at(-1) as string);
      continue;
    }
    if (deliverable.kind === "file" && !files.some((f) => f.path === deliverable.path)) {
      files.push({ path: deliverable.path, version: versionOf(deliverable, facts) });
    }
    if (deliverable.kind === "file" && deliverable.checks.requirementsCovered) {
      facts.companions = await readCompanions(deliverable.path, work, files);
    }
    const result = checkDeliverable(deliverable, facts);
    problems.push(...result.problems.filter((p) => !problems.includes(p)));
    notes.push(...result.notes.filter((n) => !notes.includes(n)));
  }
  const digest = hashText(JSON.stringify(files));
  return { ok: problems.length === 0, problems, notes, failures, digest, files };
}
