import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { parseLog } from "../../core/events/parse-log.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { DESIGN, sampleFiles, SAMPLE_PLAN } from "../helpers/sample-plan.js";

const CLI = fileURLToPath(new URL("../../bin/phasegate.js", import.meta.url));
const LOG = ".milestones/logs/m1.jsonl";
let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

/** Words of a tamper alarm: none may appear when every writer is Phasegate itself. */
const ALARM = /removed from the end|does not verify|log repair|log_tampered|incomplete|last verified head/;

interface Run {
  args: string[];
  code: number;
  out: string;
}

/** Each command in its own process, as agents run them. */
async function runProcesses(r: ScratchRepo, commands: string[][]): Promise<Run[]> {
  const run = promisify(execFile);
  return Promise.all(
    commands.map((args) =>
      run(process.execPath, [CLI, ...args], {
        cwd: r.root,
        env: { ...r.env, PHASEGATE_SESSION: "s-stress" },
      }).then(
        (res) => ({ args, code: 0, out: res.stdout + res.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ args, code: e.code, out: e.stdout + e.stderr }),
      ),
    ),
  );
}

describe("no false tamper alarm under concurrency", () => {
  it.each([["each in its own process", 100, runProcesses]] as const)(
    "%s: %i concurrent hold, unhold, approve, cancel, claim, release, status, verify and scan commands",
    async (_how, count, runAll) => {
      repo = scratchRepo(
        sampleFiles(SAMPLE_PLAN.replace("approvers: [alice]", "approvers: [alice, carol]")),
        "milestone/m1",
      );
      repo.write(".kiro/specs/first/design.md", DESIGN);
      expect((await repo.cli("execute", "m1", "--as", "bob")).code).toBe(0);
      const mix: string[][] = [
        ["hold", "m1", "T2", "--reason", "wait", "--as", "alice"],
        ["unhold", "m1", "T2", "--as", "alice"],
        ["approve", "m1", "T1", "--as", "alice"],
        ["approve", "m1", "T1", "--cancel", "--as", "alice"],
        ["status", "m1"],
        ["claim", "m1", "T2", "--as", "carol"],
        ["release", "m1", "T2", "--as", "carol"],
        ["status", "m1", "--json"],
        ["verify", "m1"],
        ["scan", "m1"],
      ];
      const commands = Array.from({ length: count }, (_, i) => mix[i % mix.length]!);
      const runs = await runAll(repo, commands);
      const alarms = runs.filter((r) => ALARM.test(r.out)).map((r) => `${r.args.join(" ")} → ${r.code}: ${r.out}`);
      expect(alarms).toEqual([]);
      const readers = runs.filter((r) => ["status", "verify"].includes(r.args[0]!));
      expect(readers.filter((r) => r.code !== 0).map((r) => `${r.args.join(" ")}: ${r.out}`)).toEqual([]);
      const { events, problem } = parseLog(repo.read(LOG), "m1");
      expect(problem).toBeUndefined();
      expect(events.filter((e) => e.event === "blocker_detected")).toEqual([]);
      expect((await repo.cli("verify", "m1")).code).toBe(0);
    },
    240_000,
  );
});
