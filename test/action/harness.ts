import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { vi } from "vitest";
import { INPUT_NAMES } from "../../action/inputs.js";
import { run } from "../../action/run.js";

/**
 * Runs the action in-process with the real @actions/core, the way the runner does: inputs as
 * `INPUT_<NAME>` variables, outputs and the job summary in files, annotations and the result as
 * workflow commands on stdout. Tests assert on what the runner would read, not on mocks.
 */
const INPUTS = INPUT_NAMES;
/** One summary file per test file: @actions/core's `summary` caches the path it first sees. */
const files = mkdtempSync(join(tmpdir(), "phasegate-action-"));
const SUMMARY_FILE = join(files, "step-summary.md");
const OUTPUT_FILE = join(files, "output");

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export interface ActionRun {
  /** What `run()` returned. */
  ok: boolean;
  /** `process.exitCode` as `setFailed` left it. */
  exitCode: number;
  commands: WorkflowCommand[];
  outputs: Record<string, string>;
  summary: string;
  stdout: string;
}

export const RUN_ENV = {
  GITHUB_ACTOR: "octocat",
  GITHUB_RUN_ID: "42",
  GITHUB_RUN_ATTEMPT: "1",
  GITHUB_EVENT_NAME: "push",
};

/**
 * `fresh`: load the action's modules anew (as a new job's process would), so nothing cached in a
 * module survives from an earlier run.
 */
export async function runAction(
  workspace: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  options: { fresh?: boolean } = {},
): Promise<ActionRun> {
  writeFileSync(SUMMARY_FILE, "");
  writeFileSync(OUTPUT_FILE, "");
  for (const name of INPUTS) vi.stubEnv(`INPUT_${name.toUpperCase()}`, inputs[name] ?? "");
  const runner = {
    ...RUN_ENV,
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: SUMMARY_FILE,
    GITHUB_OUTPUT: OUTPUT_FILE,
  };
  for (const [name, value] of Object.entries({ ...runner, ...env })) vi.stubEnv(name, value);
  let stdout = "";
  const write = vi.spyOn(process.stdout, "write").mockImplementation(((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  }) as typeof process.stdout.write);
  let ok: boolean;
  try {
    if (options.fresh) vi.resetModules();
    const entry = options.fresh ? (await import("../../action/run.js")).run : run;
    ok = await entry();
  } finally {
    write.mockRestore();
    vi.unstubAllEnvs();
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = undefined; // setFailed's exit code must not fail the test worker
  return {
    ok,
    exitCode,
    commands: parseCommands(stdout),
    outputs: parseOutputs(readFileSync(OUTPUT_FILE, "utf8")),
    summary: readFileSync(SUMMARY_FILE, "utf8"),
    stdout,
  };
}

/** `::name key=value,…::message` lines, unescaped (https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts). */
export function parseCommands(stdout: string): WorkflowCommand[] {
  return stdout.split(/\r?\n/).flatMap((line) => {
    const match = /^::([a-z-]+)(?: (.*?))?::(.*)$/.exec(line);
    if (!match) return [];
    const properties = Object.fromEntries(
      (match[2] ?? "")
        .split(",")
        .filter(Boolean)
        .map((pair) => [pair.slice(0, pair.indexOf("=")), unescape(pair.slice(pair.indexOf("=") + 1))]),
    );
    return [{ command: match[1]!, properties, message: unescape(match[3]!) }];
  });
}

/** `name<<delimiter` / value lines / `delimiter`, as setOutput writes GITHUB_OUTPUT. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!match) continue;
    const end = lines.indexOf(match[2]!, i + 1);
    outputs[match[1]!] = lines.slice(i + 1, end).join("\n");
    i = end;
  }
  return outputs;
}

function unescape(text: string): string {
  return text.replace(/%(25|0D|0A|3A|2C)/g, (_, code: string) => String.fromCharCode(parseInt(code, 16)));
}

export const annotations = (r: ActionRun, kind = "error") =>
  r.commands.filter((c) => c.command === kind && c.properties.file !== undefined);
export const failures = (r: ActionRun) =>
  r.commands.filter((c) => c.command === "error" && c.properties.file === undefined).map((c) => c.message);
