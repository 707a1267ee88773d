// A throwaway git repository in the OS temp folder with the plan committed on `main` and the event
// log in the working tree (as between two checkpoints), laid out as local mode expects.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** `{ root, planPath, logPath, remove() }` for milestone `id` with the given plan and log text. */
export function createScratchRepo({ id, planText, logText }) {
  const root = mkdtempSync(join(tmpdir(), `phasegate-bench-${id}-`));
  const git = (...args) => {
    const result = spawnSync("git", args, {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1" },
    });
    if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  };
  git("init", "-q", "-b", "main");
  git("config", "user.name", "Bench Runner");
  git("config", "user.email", "bench@example.invalid");
  const planPath = join(root, ".milestones", `${id}.yaml`);
  const logPath = join(root, ".milestones", "logs", `${id}.jsonl`);
  mkdirSync(join(root, ".milestones", "logs"), { recursive: true });
  writeFileSync(planPath, planText);
  git("add", ".milestones");
  git("commit", "-q", "-m", `Plan ${id}`);
  writeFileSync(logPath, logText);
  return { root, planPath, logPath, remove: () => rmSync(root, { recursive: true, force: true }) };
}
