import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { parseLog } from "../../core/events/parse-log.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";

const CLI = fileURLToPath(new URL("../../bin/phasegate.js", import.meta.url));
const LOG = ".milestones/logs/big.jsonl";

/** 16 mostly independent tasks, four ungated phases each, every deliverable present: execute runs to the end. */
function bigPlan(): Record<string, string> {
  const phases = ["design", "spec", "task", "execute"].map(
    (id, i) =>
      `    - { id: ${id}, weight: ${[15, 25, 20, 40][i]}, approval_required: false, deliverables: [docs/${id}.md] }`,
  );
  const tasks = Array.from(
    { length: 16 },
    (_, i) =>
      `  - id: T${i + 1}\n    title: Task ${i + 1}\n${i > 0 && i % 5 === 0 ? `    dependencies: [T${i}]\n` : ""}`,
  );
  const files: Record<string, string> = {
    ".milestones/big.yaml": `version: 1\nid: big\ntitle: Big\nworkflow:\n  phases:\n${phases.join("\n")}\ntasks:\n${tasks.join("")}`,
  };
  for (const id of ["design", "spec", "task", "execute"]) files[`docs/${id}.md`] = `# ${id}\n\nDone.\n`;
  return files;
}

/** What happened, without who ran it or when: the sequence a resumed run must reproduce. */
function trace(text: string): string[] {
  const { events, problem } = parseLog(text, "big");
  expect(problem).toBeUndefined();
  return events
    .filter((e) => !e.event.startsWith("session_"))
    .map((e) =>
      [e.event, e.task_id ?? "", e.phase ?? "", e.event === "progress_updated" ? JSON.stringify(e.details) : ""].join(
        " ",
      ),
    );
}

function run(repo: ScratchRepo, ...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: repo.root, env: repo.env, encoding: "utf8" });
}

let repos: ScratchRepo[] = [];
afterEach(() => {
  for (const r of repos) r.cleanup();
  repos = [];
});

describe("killing execute midway", () => {
  it.runIf(existsSync(join(CLI, "../../dist/phasegate.mjs")))(
    "resume continues where it stopped: no lost, duplicated or reordered events",
    async () => {
      const reference = scratchRepo(bigPlan(), "milestone/big");
      repos.push(reference);
      expect(run(reference, "execute", "big").status).toBe(0);
      const expected = trace(readFileSync(join(reference.root, LOG), "utf8"));
      expect(expected.at(-1)).toMatch(/^milestone_completed/);
      expect(expected.length).toBeGreaterThan(250);
      let interrupted = 0;

      for (const killAt of [3, 90, 200]) {
        const repo = scratchRepo(bigPlan(), "milestone/big");
        repos.push(repo);
        const child = spawn(process.execPath, [CLI, "execute", "big"], {
          cwd: repo.root,
          env: repo.env,
          stdio: "ignore",
        });
        const exited = new Promise((resolve) => child.on("exit", resolve));
        // Kill the process (no chance to clean up) once the log has reached `killAt` lines.
        for (;;) {
          const lines = existsSync(join(repo.root, LOG))
            ? readFileSync(join(repo.root, LOG), "utf8").split("\n").length - 1
            : 0;
          if (lines >= killAt || child.exitCode !== null) break;
          await new Promise((r) => setTimeout(r, 1));
        }
        child.kill("SIGKILL");
        await exited;
        const before = trace(readFileSync(join(repo.root, LOG), "utf8"));
        // The kill can land after the last step was written (a loaded machine): then the run is whole.
        if (before.length === expected.length) {
          expect(before).toEqual(expected);
          continue;
        }
        interrupted++;
        const resumed = run(repo, "resume", "big");
        expect(resumed.stderr).toBe("");
        expect(resumed.status).toBe(0);
        expect(trace(readFileSync(join(repo.root, LOG), "utf8"))).toEqual(expected);
      }
      expect(interrupted).toBeGreaterThanOrEqual(2);
    },
  );
});
