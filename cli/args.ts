import { parseArgs, type ParseArgsConfig } from "node:util";
import { parseDuration } from "../core/plan/parse-duration.js";
import { UsageError } from "./output.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Options every command takes. */
export const GLOBAL_OPTIONS: Options = {
  C: { type: "string", short: "C" },
  json: { type: "boolean" },
  as: { type: "string" },
  session: { type: "string" },
  verbose: { type: "boolean", short: "v" },
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
    throw new UsageError((error as Error).message);
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
