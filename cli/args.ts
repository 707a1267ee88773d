import { statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { parseDuration } from "../core/index.js";
import { nearestName } from "./global-options.js";
import { UsageError } from "./output.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Options every command takes. */
export const GLOBAL_OPTIONS: Options = {
  C: { type: "string", short: "C" },
  json: { type: "boolean" },
  as: { type: "string" },
  session: { type: "string" },
  verbose: { type: "boolean", short: "v" },
  quiet: { type: "boolean", short: "q" },
  help: { type: "boolean", short: "h" },
};

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | undefined>;
}

/** Parse argv for one command; unknown options and missing positionals are usage errors (exit 2). */
export function parseCommandArgs(
  argv: string[],
  options: Options,
  required: string[],
  optional: string[] = [],
  variadic = false,
): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...GLOBAL_OPTIONS, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(
      explainParseError(error as Error & { code?: string }, { ...GLOBAL_OPTIONS, ...options }, argv),
    );
  }
  const { positionals, values } = parsed;
  if (!values.help && positionals.length < required.length) {
    throw new UsageError(
      `missing ${required
        .slice(positionals.length)
        .map((r) => `<${r}>`)
        .join(" ")}`,
    );
  }
  if (!variadic && positionals.length > required.length + optional.length) {
    throw new UsageError(`unexpected argument "${positionals[required.length + optional.length]}"`);
  }
  return { positionals, values: values as ParsedArgs["values"] };
}

/** `4h`, `30m`, `2d`, `1h30m` → milliseconds, with the plan format's own duration rules. */
export function parseTtl(text: string): number {
  const ms = parseDuration(text.trim());
  if (ms === undefined) throw new UsageError(`--ttl "${text}" is not a duration like 30m, 4h or 2d`);
  return ms;
}

export function parseCount(name: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} "${text}" is not a whole number`);
  return Number(text);
}

/** node:util's parse errors in the CLI's words: "did you mean", and which option wants a value. */
function explainParseError(error: Error & { code?: string }, options: Options, argv: string[]): string {
  const names = Object.entries(options).flatMap(([name, o]) => [`--${name}`, ...(o.short ? [`-${o.short}`] : [])]);
  if (error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const given =
      /'([^']+)'/.exec(error.message)?.[1] ??
      argv.find((a) => a.startsWith("-") && !names.includes(a.split("=")[0]!)) ??
      "";
    const flag = given.split("=")[0]!;
    const near = nearestName(
      flag,
      names.filter((n) => n.startsWith("--")),
    );
    return `unknown option "${flag}"${near ? `; did you mean "${near}"?` : ""}`;
  }
  if (error.code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
    const name = /--([\w-]+)/.exec(error.message)?.[1];
    const option = name === undefined ? undefined : options[name];
    const flag = name && name.length === 1 ? `-${name}` : `--${name}`;
    if (option?.type === "string") return `${flag} needs a value (${flag} <value>)`;
    if (option) return `${flag} takes no value`;
  }
  return error.message;
}

/** The folder to run in: `-C dir` (relative to `cwd`, as in git) or `cwd`; a missing folder is named. */
export function folderOf(args: ParsedArgs, env: { cwd: string }): string {
  const given = args.values.C;
  if (typeof given !== "string") return env.cwd;
  const dir = resolve(env.cwd, given);
  let isFolder: boolean;
  try {
    isFolder = statSync(dir).isDirectory();
  } catch {
    throw new Error(`-C ${given}: the folder does not exist`);
  }
  if (!isFolder) throw new Error(`-C ${given}: not a folder`);
  return dir;
}
