import { afterEach, describe, expect, it } from "vitest";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { DESIGN, REQUIREMENTS, SAMPLE_PLAN, sampleFiles, TASKS_OPEN } from "../helpers/sample-plan.js";

let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

/**
 * Run `args`, expect a refusal, and return the command line its hint names (`run \`phasegate …\``),
 * as the words after `phasegate`.
 */
async function hintOf(r: ScratchRepo, ...args: string[]): Promise<string[]> {
  const result = await r.cli(...args);
  expect(result.code, result.err).toBe(1);
  const line = /run `phasegate ([^`]+)`/.exec(result.err)?.[1];
  expect(line, `no runnable hint in: ${result.err}`).toBeDefined();
  return line!.split(" ");
}

/** The hint works as printed: running it is not a usage error, and it is not refused again. */
async function runHint(r: ScratchRepo, words: string[]): Promise<void> {
  const result = await r.cli(...words);
  expect(result.code, `phasegate ${words.join(" ")}: ${result.err}`).toBe(0);
}

describe("every next step the CLI prints runs as printed", () => {
  it("start, activate, execute: each hint is a working command line with the milestone in it", async () => {
    const plan = SAMPLE_PLAN.replace("settings:\n", "settings:\n  auto_start: false\n");
    repo = scratchRepo(sampleFiles(plan), "milestone/m1");

    const activate = await hintOf(repo, "resume", "m1");
    expect(activate).toEqual(["activate", "m1"]);
    await runHint(repo, activate);

    const start = await hintOf(repo, "approve", "m1", "T1", "--as", "alice");
    expect(start).toEqual(["start", "m1", "T1"]);
    await runHint(repo, start);

    // Design and spec approved; the task phase has no gate, so approving it points at execute.
    repo.write(".kiro/specs/first/design.md", DESIGN);
    await runHint(repo, ["approve", "m1", "T1", "--as", "alice"]);
    repo.write(".kiro/specs/first/requirements.md", REQUIREMENTS);
    await runHint(repo, ["approve", "m1", "T1", "--as", "alice"]);
    repo.write(".kiro/specs/first/tasks.md", TASKS_OPEN);
    const execute = await hintOf(repo, "approve", "m1", "T1", "--as", "alice");
    expect(execute).toEqual(["execute", "m1"]);
    await runHint(repo, execute);
  });

  it("log repair: the hint of a refused write names the milestone", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    await runHint(repo, ["execute", "m1"]);
    const log = ".milestones/logs/m1.jsonl";
    repo.write(log, repo.read(log).replace('"actor":"', '"actor":"x'));
    const repair = await hintOf(repo, "hold", "m1", "T1");
    expect(repair).toEqual(["log", "repair", "m1"]);
    await runHint(repo, repair);
  });
});
