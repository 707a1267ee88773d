import {
  auditMilestone,
  checkLastCheckpoint,
  checkLogAnchor,
  checkLogHistory,
  checkSessionMarks,
  logPath,
  type Context,
  type LogProblem,
} from "../../core/index.js";
import { newSessionId } from "../local-context.js";
import { emit, EXIT, UsageError } from "../output.js";
import { milestoneCommand, type Env, type LocalContext } from "./command.js";
import type { ParsedArgs } from "../args.js";

/** `phasegate verify`: the hash chain, the remembered head, the log's history, and an audit of every transition. */
export const verifyCommand = milestoneCommand({
  name: "verify",
  readOnly: true,
  usage: "phasegate verify <milestone> [--against github] [--repo owner/name] [--json]",
  summary:
    "Audit the event log: the hash chain, truncation, the log's git history and session snapshots, and every transition against the rules and the plan version it records (gates completed without a valid approval or short of their rule's counts, approvals by non-approvers or by the task's author; teams are re-checked by `teams` in the settings the event recorded, code owners by every CODEOWNERS version of the default branch, and a rule it cannot check is named in a note; each `gate_overridden` must be shaped as /override-gate writes it, and its actor's maintain access is asked of GitHub with --against github, else named in a note). --against github also compares the log with the head the App or the Action anchored on GitHub. Exits 1 when anything is found.",
  options: { against: { type: "string" }, repo: { type: "string" } },
  async run({ ctx, handle, args, io, env }) {
    const against = args.values.against;
    if (against !== undefined && against !== "github")
      throw new UsageError(`--against takes "github"; got "${String(against)}"`);
    const github = against === "github" ? await openGitHub(ctx, args, env) : undefined;
    // Who overrode the merge gate is a matter of access on GitHub: asked there when it can be (ADR 36).
    const audit = await auditMilestone(ctx, handle, { recheckRules: true, ...(github && { access: github.forge }) });
    const history = await checkLogHistory(ctx, handle);
    const sessions = await checkSessionMarks(handle);
    const checkpoint = await checkLastCheckpoint(ctx, handle);
    const anchor = github ? await checkLogAnchor(github.repo, handle) : undefined;
    const evidence: LogProblem[] = [
      ...[...history.findings, ...sessions.findings, ...checkpoint.findings],
      ...(anchor?.findings ?? []),
    ];
    const findings = [...audit.findings, ...evidence];
    const notes = [...audit.notes, ...history.notes, ...sessions.notes, ...(anchor?.notes ?? [])];
    const problem = handle.logProblem;
    const path = logPath(handle.plan.id);
    for (const note of notes) io.err(`phasegate: note: ${note}\n`);
    const lines = [
      problem
        ? `${path}: does not verify: ${problem.message} (the audit covers the ${handle.state.seq} lines before it)`
        : `${path}: ${handle.state.seq} events, the chain verifies`,
      ...evidence.map((f) => `evidence: ${f.message}`),
      ...(anchor?.anchor && anchor.findings.length === 0
        ? [
            `github: the log extends the anchored head (${anchor.anchor.seq} events at ${anchor.anchor.commit.slice(0, 7)})`,
          ]
        : []),
      ...audit.findings.map((f) => `${path}:${f.message}`),
      findings.length === 0 ? "audit: every transition follows the rules" : `audit: ${findings.length} found`,
    ];
    const value = {
      milestone: handle.plan.id,
      events: handle.state.seq,
      verified: !problem && findings.length === 0,
      problem: problem ?? null,
      findings,
      notes,
      ...(anchor && { anchor: anchor.anchor ?? null }),
    };
    emit(io, value, lines.join("\n") + "\n");
    return problem || findings.length > 0 ? EXIT.refused : EXIT.ok;
  },
});

/** The GitHub side (ADR 19): the same ports `sync` opens, used only to read (the anchor, people's access). */
async function openGitHub(ctx: LocalContext, args: ParsedArgs, env: Env): Promise<Context> {
  // Octokit and the GitHub adapter load only when asked for.
  const { openGitHubContext } = await import("../github-context.js");
  const github = await openGitHubContext({
    cwd: ctx.repo.root,
    session: newSessionId(new Date()),
    verbose: Boolean(args.values.verbose),
    env: env.env,
    ...(typeof args.values.repo === "string" && { repo: args.values.repo }),
    ...(env.fetch && { fetch: env.fetch }),
  });
  return github.ctx;
}
