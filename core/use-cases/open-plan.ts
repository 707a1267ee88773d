import { CommandRefused } from "../commands/command-refused.js";
import type { PlanIssue } from "../plan/plan-error.js";
import type { Plan } from "../plan/plan.js";
import type { ParsePlanResult } from "../plan/check-plan-data.js";
import type { FileSnapshot, Snapshot } from "../ports.js";
import type { Context } from "./context.js";
import { findPlan, listPlanFiles, logPath, milestoneIdOf, planPaths } from "./find-plan.js";
import type { LabelOptions } from "../projection/labels.js";
import { SETTINGS_PATH } from "../settings/settings-path.js";
import { parsePlanOnDemand } from "./parse-plan-on-demand.js";
import { readRepositorySettings, type ReadSettings } from "./read-repository-settings.js";
import { parseRows, parseRowsFrom, renderRows, type ParsedRows } from "../events/lazy-rows.js";
import { throughPlanCache } from "./through-plan-cache.js";

/** What a command that reads a few tasks needs of every task without parsing it (see parseCached). */
const EAGER_TASK_FIELDS = ["id", "dependencies"];

/** A plan as committed on the default branch, and where it came from. */
export interface OpenedPlan {
  plan?: Plan;
  issues: PlanIssue[];
  defaultBranch: string;
  snapshot: Snapshot;
  /** The plan file's blob id on the default branch. */
  version: string;
  /** `.github/phasegate.yml`'s blob id on the same snapshot, when the repository has one. */
  settingsVersion?: string;
  /** The labels' names and colours from the repository's settings: every shell's sync uses them. */
  labels: LabelOptions;
  notices: string[];
  /**
   * Whether the plan was parsed in this run rather than read from the plan cache: a version this
   * clone has not read before (a plan just changed, a fresh clone, a new build).
   */
  fresh?: boolean;
  /** The work snapshot read to compare the plan: the handle's first read of the log uses it too. */
  work?: Snapshot;
}

/**
 * Read milestone `milestoneId`'s plan from the default branch: gates, deliverables, tasks, assignees
 * and approvers are decided there, never by the branch being worked on (product.md §6). A plan that
 * exists only in the work (uncommitted, or on the milestone branch) is refused with the reason.
 */
export async function openPlan(
  ctx: Context,
  milestoneId: string,
  command: string,
  narrow = false,
): Promise<OpenedPlan> {
  const defaultBranch = await ctx.repo.defaultBranch();
  // What is read next: the plan's candidate paths and the settings, then (when the plan keeps the
  // default branch name) the milestone branch's plan and log: one request on GitHub.
  const workHint = { paths: [...planPaths(milestoneId), logPath(milestoneId)] };
  const snapshot = await ctx.repo.snapshot(defaultBranch, {
    paths: [...planPaths(milestoneId), SETTINGS_PATH],
    then: { branch: `milestone/${milestoneId}`, ...workHint },
  });
  const file = await findPlan(snapshot, milestoneId);
  if (!file) {
    const known = (await listPlanFiles(snapshot)).map(milestoneIdOf);
    const work = await ctx.repo.work(`milestone/${milestoneId}`);
    const draft = await findPlan(work, milestoneId);
    if (draft) {
      throw new CommandRefused(
        command,
        `${draft.path} is not on the default branch (${defaultBranch}) yet; decisions use the plan as committed there`,
        {
          code: "plan-not-committed",
          whoCan: `commit it to ${defaultBranch} (or merge the pull request that adds it)`,
        },
      );
    }
    const hint =
      known.length > 0
        ? `milestones on ${defaultBranch}: ${known.join(", ")}`
        : `create .milestones/${milestoneId}.yaml on ${defaultBranch}`;
    throw new CommandRefused(command, `no plan for milestone "${milestoneId}" in .milestones/ on ${defaultBranch}`, {
      code: "no-plan",
      whoCan: hint,
    });
  }
  const settings = await readRepositorySettings(ctx, snapshot);
  const opened: OpenedPlan = {
    issues: settings.issues,
    defaultBranch,
    snapshot,
    version: file.version,
    ...(settings.version !== undefined && { settingsVersion: settings.version }),
    labels: settings.settings?.labels ?? {},
    notices: [...settings.notices],
  };
  if (!settings.settings) return opened;
  const {
    result: { plan, issues },
    fresh,
  } = await readPlan(ctx, blobOf(file), settings, narrow);
  opened.fresh = fresh;
  opened.issues = [...issues, ...settings.issues];
  if (!plan) return opened;
  if (plan.branch === defaultBranch) {
    throw new CommandRefused(command, `the milestone branch ${plan.branch} is the default branch`, {
      code: "branch-is-default",
      whoCan: `give the plan another \`branch\`, or tell Phasegate the real default branch (git config phasegate.defaultBranch <name>)`,
    });
  }
  const work = await ctx.repo.work(plan.branch, workHint);
  const mine = await findPlan(work, milestoneId);
  // A checkout with CRLF line ends (core.autocrlf, eol=crlf) holds the same plan as the blob on the branch.
  if (mine && mine.version !== file.version && mine.text.replaceAll("\r\n", "\n") !== file.text) {
    opened.notices.push(
      `${mine.path} here differs from ${defaultBranch}'s; decisions use the plan on ${defaultBranch} until the change is merged there`,
    );
  }
  return { ...opened, plan, work };
}

/**
 * parsePlan, through the context's cache when there is one: the same plan blob with the same settings
 * blob always parses the same. Settings that `_extends` another repository's are never cached.
 * The entry keeps each task on its own line (lazy-rows.ts).
 */
export async function parseCached(ctx: Context, file: FileSnapshot, settings: ReadSettings): Promise<ParsePlanResult> {
  return (await readPlan(ctx, blobOf(file), settings)).result;
}

/** A plan file's blob: its path, its id, and how to read its text (only on a cache miss; undefined: not there). */
interface PlanBlob<Text extends string | undefined = string> {
  path: string;
  version: string;
  read: () => Promise<Text>;
}

function blobOf(file: FileSnapshot): PlanBlob {
  return { path: file.path, version: file.version, read: () => Promise.resolve(file.text) };
}

/**
 * parseCached for a plan blob known by its id, whose text is read (`read`) only when the cache does
 * not have it: an older plan version the audit cites is read once, not on every command. Undefined
 * when the blob cannot be read (nothing is cached then).
 */
export async function parseCachedBlob(
  ctx: Context,
  blob: PlanBlob<string | undefined>,
  settings: ReadSettings,
): Promise<ParsePlanResult | undefined> {
  return (await readPlan(ctx, blob, settings)).result;
}

/**
 * parseCached, and whether the plan was parsed now (`fresh`) rather than found in the cache. `narrow`
 * (a command that reads a few tasks): a cached task's line is parsed only when the task is used,
 * beyond its id and dependencies. The result is undefined only for a blob that cannot be read.
 */
async function readPlan<Text extends string | undefined>(
  ctx: Context,
  file: PlanBlob<Text>,
  settings: ReadSettings,
  narrow = false,
): Promise<{ result: ParsePlanResult | Exclude<Text, string>; fresh: boolean }> {
  const defaults = settings.settings;
  // The parser loads only on a cache miss: a command on a cached plan skips it. Its fast reading
  // (readPlainPlan) needs neither the yaml library nor positions; any other file, and any plan with
  // an issue, is read again with them (parsePlanWithPositions), which loads the yaml library.
  const parse = async (): Promise<ParsePlanResult | Exclude<Text, string>> => {
    const text = await file.read();
    if (text === undefined) return undefined as Exclude<Text, string>;
    return parsePlanOnDemand(text, file.path, { defaults });
  };
  if (settings.extended) return { result: await parse(), fresh: true };
  const key = `${file.path}@${file.version}` + (settings.version ? `+${SETTINGS_PATH}@${settings.version}` : "");
  const rows = narrow ? await readCachedRows(ctx, key) : undefined;
  if (rows) return { result: rows, fresh: false };
  const { value, fresh } = await throughPlanCache(ctx, key, parse, {
    render: renderCachedPlan,
    read: (text) => readCachedPlan(parseRows(text, narrow)),
  });
  return { result: value, fresh };
}

function renderCachedPlan(result: ParsePlanResult): string {
  const head = { ...result, ...(result.plan && { plan: { ...result.plan, tasks: [] } }) };
  return renderRows(head, result.plan?.tasks ?? [], EAGER_TASK_FIELDS);
}

/** The cached plan read in parts, when the cache can (ADR 41): each task's bytes are read when it is used. */
async function readCachedRows(ctx: Context, key: string): Promise<ParsePlanResult | undefined> {
  const source = await ctx.planCache?.getRows?.(key).catch(() => undefined);
  if (!source) return undefined;
  const result = readCachedPlan(parseRowsFrom(source, true));
  if (!result) source.close?.();
  return result;
}

function readCachedPlan(parsed: ParsedRows | undefined): ParsePlanResult | undefined {
  const head = parsed?.head as ParsePlanResult | undefined;
  if (!parsed || !Array.isArray(head?.issues)) return undefined;
  if (head.plan) head.plan.tasks = parsed.rows as Plan["tasks"];
  else if (parsed.rows.length > 0) return undefined;
  return head;
}
