import type { ParseArgsConfig } from "node:util";
import { MilestoneHandle, type Context, type LogVisitor } from "../../core/index.js";
import { parseCommandArgs, type ParsedArgs, folderOf } from "../args.js";
import { openLocalContext, type LocalModeContext } from "../local-context.js";
import { checkActor, checkSession } from "../global-options.js";
import { emit, report, UsageError, type CommandFailed, type Io } from "../output.js";
import { HELP_WIDTH, wrapText } from "../wrap-text.js";
import type { CheckoutFiles } from "../../local/plan-paths.js";
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

/** The core's ports over this clone; its repository also reads the working tree's files (FileReader) from its root. */
export type LocalContext = Context & { repo: Context["repo"] & CheckoutFiles };

/** What every command declares: its name, help, arguments and options. */
export interface CommandSpec {
  name: string;
  usage: string;
  summary: string;
  /** Required positionals, in order (a milestone command's <milestone> comes first, unlisted). */
  args?: string[];
  optionalArgs?: string[];
  /** Any number of positionals after the required ones. */
  variadic?: boolean;
  /**
   * The first positional, when given, must be one of these (`log repair`, `sessions show`): checked
   * with the other usage errors, before anything is opened.
   */
  verbs?: readonly string[];
  options?: NonNullable<ParseArgsConfig["options"]>;
  /** An error this command foresees, as its own refusal (`phasegate <name>: …`); others are reported as they are. */
  failure?(error: unknown): CommandFailed | undefined;
}

/**
 * The one shell every command runs in: parse the arguments (unknown options and missing positionals
 * are usage errors), `--json`, `--help`, the identity checks, then `body`; whatever it throws
 * becomes its message on stderr (and JSON under `--json`) and the exit code (cli/output.ts).
 */
function shell(spec: CommandSpec, body: (args: ParsedArgs, io: Io, env: Env) => Promise<number>): Command {
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
        checkVerb(spec, args.positionals[0]);
        return await body(args, io, env);
      } catch (error) {
        return report(io, spec.failure?.(error) ?? error);
      }
    },
  };
}

export interface PlainCommandSpec extends CommandSpec {
  /**
   * Touches no milestone's log in this clone (git's merge driver itself, a sync to GitHub, spec and
   * plan files, the schema): no merge driver is registered.
   */
  outsideRepository?: boolean;
  /** Registers the merge driver itself, and only once it has written something (`init`). */
  registersDriver?: boolean;
  run(input: { args: ParsedArgs; io: Io; env: Env; cwd: string }): Promise<number>;
}

/** A command that opens nothing in local mode itself (files, git drivers, GitHub): it is given the folder. */
export function plainCommand(spec: PlainCommandSpec): Command {
  return shell(spec, async (args, io, env) => {
    const cwd = folderOf(args, env);
    if (!spec.outsideRepository && !spec.registersDriver) await registerMergeDriver(cwd);
    return spec.run({ args, io, env, cwd });
  });
}

export interface LocalCommandSpec extends CommandSpec {
  /** Never writes: the actor is not looked up. */
  readOnly?: boolean;
  run(input: { ctx: LocalContext; args: ParsedArgs; io: Io; env: Env }): Promise<number>;
}

/** A command on the local context (every port over this clone) but on no one milestone: `sessions`, `log`. */
export function localCommand(spec: LocalCommandSpec): Command {
  return shell(spec, (args, io, env) =>
    withContext(args, env, spec.readOnly, (ctx) => spec.run({ ctx, args, io, env })),
  );
}

export interface MilestoneCommandSpec extends CommandSpec {
  /** Positionals after <milestone>. */
  args?: string[];
  /** Never writes: the actor is not looked up, and the whole log is verified. */
  readOnly?: boolean;
  /** Reads a few tasks (`claim`): the plan and the stored state are parsed only where used (ADR 32). */
  narrow?: boolean;
  run(input: { ctx: LocalContext; handle: MilestoneHandle; args: ParsedArgs; io: Io; env: Env }): Promise<number>;
}

/** A command on one milestone: the local context and the milestone are opened before `run`. */
export function milestoneCommand(spec: MilestoneCommandSpec): Command {
  return shell({ ...spec, args: ["milestone", ...(spec.args ?? [])] }, (args, io, env) =>
    withContext(args, env, spec.readOnly, async (ctx) => {
      const handle = await openMilestone(ctx, args.positionals[0] as string, io, spec);
      return spec.run({ ctx, handle, args, io, env });
    }),
  );
}

/**
 * The milestone `id`, its notices written to stderr. Commands that write verify what was appended
 * since the trusted prefix; those that only read, the whole log.
 */
export async function openMilestone(
  ctx: LocalContext,
  id: string,
  io: Io,
  spec: { name: string; readOnly?: boolean; narrow?: boolean },
  observe?: (handle: MilestoneHandle) => Promise<LogVisitor>,
): Promise<MilestoneHandle> {
  const verification = spec.readOnly ? "full" : "incremental";
  const narrow = !spec.readOnly && spec.narrow === true;
  const handle = await MilestoneHandle.open(ctx, id, spec.name, { verification, narrow }, observe);
  for (const notice of handle.notices) io.err(`phasegate: note: ${notice}\n`);
  return handle;
}

/** `--as` and `--session` (or PHASEGATE_ACTOR / PHASEGATE_SESSION) must be a GitHub login and a safe id. */
function checkIdentity(args: ParsedArgs, env: Env): void {
  const actor = typeof args.values.as === "string" ? args.values.as : env.env.PHASEGATE_ACTOR;
  const session = typeof args.values.session === "string" ? args.values.session : env.env.PHASEGATE_SESSION;
  const problem = (actor !== undefined && checkActor(actor)) || (session !== undefined && checkSession(session));
  if (problem) throw new UsageError(problem);
}

function checkVerb(spec: CommandSpec, given: string | undefined): void {
  if (spec.verbs === undefined || given === undefined || spec.verbs.includes(given)) return;
  throw new UsageError(`unknown ${spec.name} verb "${given}" (expected: ${spec.verbs.join(", ")})`);
}

/**
 * The local context; `settled` is awaited before the command ends (the merge driver registered), then
 * `close` lets go of the stored files its lazy rows read from.
 */
/**
 * Run `fn` on the local context, then wait for what it started after answering (the merge driver's
 * registration, memo writes) and close the files it kept open (ADR 41), whatever happened.
 */
async function withContext<T>(
  args: ParsedArgs,
  env: Env,
  readOnly: boolean | undefined,
  fn: (ctx: LocalModeContext) => Promise<T>,
): Promise<T> {
  const ctx = await openLocalContext({
    cwd: folderOf(args, env),
    verbose: Boolean(args.values.verbose),
    readOnly: readOnly ?? false,
    env: env.env,
    ...(typeof args.values.as === "string" && { actor: args.values.as }),
    ...(typeof args.values.session === "string" && { session: args.values.session }),
  });
  try {
    return await fn(ctx);
  } finally {
    await ctx.settled;
    ctx.close();
  }
}

function usage(io: Io, text: string, summary: string): number {
  emit(io, { usage: text, summary }, `${wrapText(`usage: ${text}`, HELP_WIDTH, 7)}\n\n${wrapText(summary)}\n`);
  return 0;
}
