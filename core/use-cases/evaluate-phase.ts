import { hashText } from "../events/serialize-event.js";
import type { Deliverable, FileChecks, FileDeliverable, Phase, Plan, Task } from "../plan/plan.js";
import { fingerprintSourceItem } from "../workflow/check-source-item.js";
import type { CheckState, CiSignal, Snapshot } from "../ports.js";
import { checkDeliverable, type DeliverableFacts, type DeliverableResult } from "../workflow/check-deliverable.js";
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

/**
 * Memoises the CI signal within one run: the test command runs at most once per use case. Also the
 * checks of a file's version, when they look at nothing but the file: an `execute` pass checks the
 * same deliverables for thousands of tasks.
 */
export class SignalCache {
  private checks: Promise<CheckState> | undefined;
  /** By path and version: the checks made on that file and what they found. */
  private readonly files = new Map<string, { checks: FileChecks; result: DeliverableResult }[]>();
  constructor(private readonly ctx: Context) {}
  ciState(plan: Plan): Promise<CheckState> {
    this.checks ??= readCiSignal(this.ctx.ci, plan);
    return this.checks;
  }

  /** checkDeliverable, remembered by path, file version and checks when the task and other files play no part. */
  check(deliverable: Deliverable, facts: DeliverableFacts): DeliverableResult {
    if (
      deliverable.kind !== "file" ||
      !facts.file ||
      deliverable.checks.sourceItem ||
      deliverable.checks.requirementsCovered
    )
      return checkDeliverable(deliverable, facts);
    const key = `${deliverable.path}\0${facts.file.version}`;
    const seen = this.files.get(key) ?? [];
    const same = seen.find((s) => sameChecks(s.checks, deliverable.checks));
    if (same) return same.result;
    const result = checkDeliverable(deliverable, facts);
    this.files.set(key, [...seen, { checks: deliverable.checks, result }]);
    return result;
  }
}

/** Whether two sets of file checks ask the same: each field equal, lists element by element. */
function sameChecks(a: FileChecks, b: FileChecks): boolean {
  const keys = Object.keys(a) as (keyof FileChecks)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => {
    const [x, y] = [a[k], b[k]];
    if (!Array.isArray(x) || !Array.isArray(y)) return x === y;
    return x.length === y.length && x.every((v, i) => v === y[i]);
  });
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
    const result = signals.check(deliverable, facts);
    problems.push(...result.problems.filter((p) => !problems.includes(p)));
    notes.push(...result.notes.filter((n) => !notes.includes(n)));
  }
  const digest = hashText(JSON.stringify(files));
  return { ok: problems.length === 0, problems, notes, failures, digest, files };
}
