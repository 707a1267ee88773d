import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const VERB = / trace: built-in: git (?:-c \S+ |--\S+ )*(\S+)/;

/**
 * Run `run` with git's own trace on (GIT_TRACE, in `file` or a fresh temporary one) and say which git
 * commands the code under test started: `git <verb>`, in order; none when git never started.
 */
export async function traceGit<T>(run: () => Promise<T>, file?: string): Promise<{ result: T; verbs: string[] }> {
  const own = file === undefined ? mkdtempSync(join(tmpdir(), "phasegate-trace-")) : undefined;
  const trace = file ?? join(own!, "trace.txt");
  rmSync(trace, { force: true });
  const before = process.env.GIT_TRACE;
  process.env.GIT_TRACE = trace;
  try {
    const result = await run();
    return { result, verbs: gitVerbs(trace) };
  } finally {
    if (before === undefined) delete process.env.GIT_TRACE;
    else process.env.GIT_TRACE = before;
    if (own !== undefined) rmSync(own, { recursive: true, force: true });
  }
}

function gitVerbs(trace: string): string[] {
  let text: string;
  try {
    text = readFileSync(trace, "utf8");
  } catch {
    return [];
  }
  return text
    .split("\n")
    .map((line) => VERB.exec(line)?.[1])
    .filter((verb): verb is string => verb !== undefined);
}
