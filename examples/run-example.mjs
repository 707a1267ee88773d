#!/usr/bin/env node
// Walks the bundled `auth-v2` milestone through its whole lifecycle in a scratch git repository,
// in local mode (no GitHub): deliverables are written, gates approved, checkpoints committed,
// refusals shown, and the dashboard printed as it goes, until the milestone is completed at 100 %.
//
//   npm run example            # keeps the scratch repository and prints where it is
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SPECS } from "./auth-v2-specs.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const cli = join(here, "..", "bin", "phasegate.js");
const repo = mkdtempSync(join(tmpdir(), "phasegate-example-"));
const M = "auth-v2";
const quiet = process.argv.includes("--quiet");

function git(...args) {
  const r = spawnSync("git", args, { cwd: repo, encoding: "utf8", env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1" } });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

/** Run the phasegate CLI (argv, never a shell); print what a user would see. */
function pg(args, { expect = 0, show = true } = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: repo, encoding: "utf8" });
  if (show && !quiet) {
    console.log(`\n$ phasegate ${args.join(" ")}`);
    process.stdout.write(r.stdout);
    process.stdout.write(r.stderr);
  }
  if (r.status !== expect) {
    console.error(r.stdout, r.stderr);
    throw new Error(`phasegate ${args.join(" ")} exited ${r.status}, expected ${expect}`);
  }
  return r.stdout;
}

const status = () => JSON.parse(pg(["status", M, "--json"], { show: false }));

function write(path, text) {
  mkdirSync(dirname(join(repo, path)), { recursive: true });
  writeFileSync(join(repo, path), text);
}

/** What each task's author (a person or an agent) produces in each phase. */
function doPhaseWork(task, phase) {
  const spec = SPECS[task.id];
  const base = `.kiro/specs/${spec.slug}`;
  if (phase === "design") write(`${base}/design.md`, spec.design);
  if (phase === "spec") write(`${base}/requirements.md`, spec.requirements);
  if (phase === "task") write(`${base}/tasks.md`, spec.tasks);
  if (phase === "execute") {
    // The work itself, then every item ticked: what Kiro or the developer does while executing.
    for (const [path, text] of Object.entries(spec.code)) write(path, text);
    write(`${base}/tasks.md`, spec.tasks.replace(/- \[ \](?!\*)/g, "- [x]"));
  }
}

console.log(`Scratch repository: ${repo}`);
cpSync(join(here, M), repo, { recursive: true });
git("init", "-q", "-b", "main");
git("config", "user.name", "Example Dev");
git("config", "user.email", "dev@example.test");
git("add", "-A");
git("commit", "-q", "-m", "Add the auth-v2 milestone plan");
git("switch", "-q", "-c", `milestone/${M}`);

pg(["validate"]);
pg(["execute", M]);
// Gates are never passed without their deliverables, and dependencies are respected:
pg(["approve", M, "T1", "--as", "alice"], { expect: 1 });
pg(["claim", M, "T2", "--as", "bob"], { expect: 1 });
pg(["claim", M, "T1", "--as", "bob"]);
// The author of a task cannot approve it:
doPhaseWork({ id: "T1" }, "design");
pg(["approve", M, "T1", "--as", "bob"], { expect: 1 });

for (let round = 1; round <= 30; round++) {
  const view = status();
  if (view.milestone.status === "completed") break;
  for (const task of view.tasks.filter((t) => t.status === "in_progress")) doPhaseWork(task, task.phase);
  pg(["execute", M], { show: round === 1 });
  for (const task of status().tasks.filter((t) => t.status === "in_progress")) {
    if (task.awaiting_approval) pg(["approve", M, task.id, "--as", "alice"], { show: round <= 2 });
  }
  if (round % 3 === 0) pg(["checkpoint", M, "--min-changes", "1"]);
}

pg(["checkpoint", M, "--min-changes", "0", "--message", "auth-v2 completed"]);
pg(["status", M]);
const final = status();
if (final.milestone.status !== "completed" || final.milestone.progress !== 100) {
  throw new Error(`example ended ${final.milestone.status} at ${final.milestone.progress}%`);
}
console.log(`\n${git("log", "--oneline", "-5")}`);
console.log(`Done: ${M} completed at 100 %. Inspect it: cd ${repo} && git log && cat .milestones/logs/${M}.jsonl`);
