import type { ParseArgsConfig } from "node:util";
import { MilestoneHandle, type Context } from "../../core/index.js";
import { parseCommandArgs, type ParsedArgs, folderOf } from "../args.js";
import { openLocalContext } from "../local-context.js";
import { checkActor, checkSession } from "../global-options.js";
import { emit, report, UsageError, type Io } from "../output.js";
import { HELP_WIDTH, wrapText } from "../wrap-text.js";
import type { LocalRepo } from "../../local/local-repo.js";
import { registerMergeDriver } from "../register-merge-driver.js";

export interface Env {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** How GitHub is reached (`sync`, `doctor`): the global fetch unless given (tests pass the fake GitHub's). */
  fetch?: typeof fetch;
}

/** One CLI verb. `run` returns the exit code. */
export interface Command {
  name: string;
  usage: string;
  summary: string;
  run(argv: string[], io: Io, env: Env): Promise<number>;
}

export type LocalContext = Context & { repo: LocalRepo };

export interface MilestoneCommandSpec {
  name: string;
  usage: string;
  summary: string;
  /** Positionals after <milestone>. */
  args?: string[];
  optionalArgs?: string[];
  /** Never writes: the actor is not looked up. */
  readOnly?: boolean;
  options?: NonNullable<ParseArgsConfig["options"]>;
  run(input: { ctx: LocalContext; handle: MilestoneHandle; args: ParsedArgs; io: Io; env: Env }): Promise<number>;
}

/** A command on one milestone: parse args, open the local context and the milestone, run, report. */
export function milestoneCommand(spec: MilestoneCommandSpec): Command {
  return {
    name: spec.name,
    usage: spec.usage,
    summary: spec.summary,
    async run(argv, io, env) {
      try {
        const args = parseCommandArgs(argv, spec.options ?? {}, ["milestone", ...(spec.args ?? [])], spec.optionalArgs);
        io.json = Boolean(args.values.json);
        if (args.values.help) return usage(io, spec.usage, spec.summary);
        const ctx = await openContext(args, env, spec.readOnly);
        // Commands that write verify what was appended since the trusted prefix; those that only read, the whole log.
        const verification = spec.readOnly ? "full" : "incremental";
        const handle = await MilestoneHandle.open(ctx, args.positionals[0] as string, spec.name, verification);
        for (const notice of handle.notices) io.err(`phasegate: note: ${notice}\n`);
        return await spec.run({ ctx, handle, args, io, env });
      } catch (error) {
        return report(io, error);
      }
    },
  };
}

export interface PlainCommandSpec {
  name: string;
  usage: string;
  summary: string;
  args?: string[];
  optionalArgs?: string[];
  variadic?: boolean;
  options?: NonNullable<ParseArgsConfig["options"]>;
  /**
   * Touches no milestone's log in this clone (git's merge driver itself, a sync to GitHub, reading one
   * spec file): no merge driver is registered.
   */
  outsideRepository?: boolean;
  /** Registers the merge driver itself, and only once it has written something (`init`). */
  registersDriver?: boolean;
  run(input: { args: ParsedArgs; io: Io; env: Env; cwd: string }): Promise<number>;
}

/**
 * A command that does not open one milestone in local mode (files, git drivers, GitHub): the same
 * parsing, `--json`, `--help`, identity checks and error reporting as every other command.
 */
export function plainCommand(spec: PlainCommandSpec): Command {
  return {
    name: spec.name,
    usage: spec.usage,
    summary: spec.summary,
    async run(argv, io, env) {
      try {
        const args = parseCommandArgs(argv, spec.options ?? {}, spec.args ?? [], spec.optionalArgs, spec.variadic);
        io.json = Boolean(args.values.json);
        if (args.values.help) return usage(io, spec.usage, spec.summary);
        checkIdentity(args, env);
        const cwd = folderOf(args, env);
        if (!spec.outsideRepository && !spec.registersDriver) await registerMergeDriver(cwd);
        return await spec.run({ args, io, env, cwd });
      } catch (error) {
        return report(io, error);
      }
    },
  };
}

/** `--as` and `--session` (or PHASEGATE_ACTOR / PHASEGATE_SESSION) must be a GitHub login and a safe id. */
export function checkIdentity(args: ParsedArgs, env: Env): void {
  const actor = typeof args.values.as === "string" ? args.values.as : env.env.PHASEGATE_ACTOR;
  const session = typeof args.values.session === "string" ? args.values.session : env.env.PHASEGATE_SESSION;
  const problem = (actor !== undefined && checkActor(actor)) || (session !== undefined && checkSession(session));
  if (problem) throw new UsageError(problem);
}

export function openContext(args: ParsedArgs, env: Env, readOnly = false): Promise<LocalContext> {
  const cwd = folderOf(args, env);
  checkIdentity(args, env);
  return openLocalContext({
    cwd,
    verbose: Boolean(args.values.verbose),
    readOnly,
    env: env.env,
    ...(typeof args.values.as === "string" && { actor: args.values.as }),
    ...(typeof args.values.session === "string" && { session: args.values.session }),
  });
}

export function usage(io: Io, text: string, summary: string): number {
  emit(io, { usage: text, summary }, `${wrapText(`usage: ${text}`, HELP_WIDTH, 7)}\n\n${wrapText(summary)}\n`);
  return 0;
}
