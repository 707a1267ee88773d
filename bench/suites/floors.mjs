// Every figure of the performance issue ("round 3") as a ratio against its floor, in one run: `claim`
// at three log lengths against one fsync'd append; `execute` on independent tasks against reading,
// parsing and hashing the log it wrote (CPU); `status` after a plan change and warm against the same
// floor; `checkpoint` of 20 changed files against `git add -A && git commit`, as two git processes and
// as a Node process running them (the floor a Node command can be held to, ADR 34). Contender and floor
// alternate round by round; each round gives one ratio; the table shows the median ratio and the
// 10th–90th percentile of the ratios, the growth exponents and the peak memory.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { logPrefix } from "../lib/fixture.mjs";
import { createScratchRepo } from "../lib/scratch-repo.mjs";
import { BIN, cliEnv } from "./paths.mjs";

const FLOOR = fileURLToPath(new URL("../lib/floor.mjs", import.meta.url));
const APPEND = fileURLToPath(new URL("../lib/append-floor.mjs", import.meta.url));
const GIT_COMMIT = fileURLToPath(new URL("../lib/git-commit-floor.mjs", import.meta.url));
const USAGE = fileURLToPath(new URL("../lib/usage-probe.mjs", import.meta.url));
const PHASES = ["design", "spec", "task", "execute"];
/** The groups of rows `--rows` selects from. */
const ROWS = ["claim", "execute", "status", "checkpoint", "memory"];

/** `{ rows, exponents, memory }` for docs/benchmarks.md (see renderFloorsSection). */
export async function benchFloors({ fixture, core, quick, rows: only = ROWS, log }) {
  const unknown = only.filter((r) => !ROWS.includes(r));
  if (unknown.length > 0) throw new Error(`unknown row ${unknown.join(", ")}; the rows: ${ROWS.join(", ")}`);
  const wanted = (row) => only.includes(row);
  const scratch = mkdtempSync(join(tmpdir(), "phasegate-bench-floors-"));
  const env = cliEnv();
  // Rounds per row: cheap rows get more; a whole status at 100,000 events or execute on 5,000 tasks
  // costs seconds a round, and the whole benchmark should stay within ten minutes on two cores.
  const runs = quick ? 3 : 7;
  const slowRuns = quick ? 3 : 5;
  const rows = [];
  const repos = [];
  try {
    // claim at three log lengths (prefixes of the busy log), after one status that verifies in full.
    const claimSizes = [1_000, 11_000, 100_000];
    const claims = {};
    for (const n of claimSizes) {
      const repo = createScratchRepo({
        id: fixture.id,
        planText: fixture.plan.text,
        logText: logPrefix(fixture.busy.text, n),
      });
      repos.push(repo);
      repo.events = n;
      const { task, actor } = claimable(core, fixture, repo.logPath);
      node([BIN, "status", fixture.id, "--json"], repo.root, env);
      repo.claimArgs = [BIN, "claim", fixture.id, task, "--as", actor];
      if (!wanted("claim")) continue;
      log(`claim at ${n} events`);
      const target = join(scratch, `append-${n}.jsonl`);
      const result = alternate(runs, {
        contender: () => node([BIN, "claim", fixture.id, task, "--as", actor], repo.root, env),
        floor: () => node([APPEND, target], repo.root, env),
      });
      claims[n] = result;
      rows.push({ figure: `\`claim\`, ${count(n)} events`, floor: "append + fsync", on: "wall", target: 2, ...result });
    }
    // execute on independent tasks (four ungated phases each, deliverables present), CPU time.
    const executeSizes = quick ? [200, 1_000] : [500, 5_000];
    const executes = {};
    for (const n of wanted("execute") ? executeSizes : []) {
      log(`execute, ${count(n)} independent tasks`);
      const result = alternate(quick ? 2 : 3, {
        warmup: 0, // a fresh repository and process each round, compared on CPU time: nothing to warm
        prepare: () => executeRepo(scratch, n),
        contender: (root) => node([BIN, "execute", "big"], root, env),
        floor: (root) =>
          node([FLOOR, join(root, ".milestones/big.yaml"), join(root, ".milestones/logs/big.jsonl")], root, env),
        cleanup: (root) => rmSync(root, { recursive: true, force: true }),
        order: "contender-first", // the floor reads the log execute wrote
        measure: "cpuMs",
      });
      executes[n] = result;
      rows.push({
        figure: `\`execute\`, ${count(n)} tasks`,
        floor: "read + parse + hash the log (CPU)",
        on: "CPU",
        target: 3,
        ...result,
      });
    }
    // status, first run after a plan change (the plan cache misses), and warm.
    for (const [label, prepare] of [
      ["first run after a plan change", (repo, round) => changePlan(repo, round)],
      ["warm", () => undefined],
    ]) {
      for (const repo of wanted("status") ? repos.slice(1) : []) {
        const n = repo.events;
        log(`status, ${label}, ${count(n)} events`);
        const result = alternate(slowRuns, {
          prepare: (round) => (prepare(repo, round), repo.root),
          contender: () => node([BIN, "status", fixture.id, "--json"], repo.root, env),
          floor: () => node([FLOOR, repo.planPath, repo.logPath], repo.root, env),
        });
        rows.push({
          figure: `\`status\`, ${label}, ${count(n)} events`,
          floor: "read + parse + hash",
          on: "wall",
          target: label === "warm" ? 1.2 : 1.3,
          ...result,
          events: n,
          warm: label === "warm",
        });
      }
    }
    // checkpoint of 20 changed files against git add -A && git commit in copies of the same files: the
    // issue's floor (two git processes) and a Node process that runs them (ADR 34), in the same rounds.
    if (wanted("checkpoint")) {
      log("checkpoint, 20 changed files");
      const checkpoint = checkpointRepos(scratch, env);
      const [git, nodeGit] = alternateFloors(runs, {
        prepare: (round) => checkpoint.change(round),
        contender: () => node([BIN, "checkpoint", "m1", "--min-changes", "0", "--as", "bench"], checkpoint.root, env),
        floors: [() => gitFloor(checkpoint.floorRoot), () => node([GIT_COMMIT], checkpoint.nodeFloorRoot, env)],
      });
      const figure = "`checkpoint`, 20 changed files";
      rows.push({ figure, floor: "`git add -A && git commit` (issue 16)", on: "wall", target: 3, ...git });
      rows.push({ figure, floor: "Node start + `git add -A && git commit`", on: "wall", target: 3, ...nodeGit });
    }
    // Peak memory of the whole processes at 100,000 events.
    let memory;
    if (wanted("memory")) {
      log("peak memory at 100,000 events");
      const big = repos.at(-1);
      const peak = (args) => median(Array.from({ length: 3 }, () => node(args, big.root, env).maxRss));
      memory = {
        status: peak([BIN, "status", fixture.id, "--json"]),
        floor: peak([FLOOR, big.planPath, big.logPath]),
        claim: peak(big.claimArgs),
      };
    }
    const statusWarm = rows.filter((r) => r.warm);
    const exponents = [
      wanted("claim") &&
        exponent("`claim` (wall)", claimSizes[0], claimSizes.at(-1), claims[claimSizes[0]], claims[claimSizes.at(-1)]),
      wanted("execute") &&
        exponent(
          "`execute` (CPU)",
          executeSizes[0],
          executeSizes.at(-1),
          executes[executeSizes[0]],
          executes[executeSizes.at(-1)],
        ),
      wanted("status") &&
        exponent(
          "`status`, warm (wall)",
          statusWarm[0].events,
          statusWarm.at(-1).events,
          statusWarm[0],
          statusWarm.at(-1),
        ),
    ].filter(Boolean);
    return { rows, exponents, memory };
  } finally {
    for (const repo of repos) repo.remove();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** A task someone can claim at the end of the log, and who: its claimant (a renewal), or anyone if unclaimed. */
function claimable(core, fixture, logPath) {
  const { plan } = core.parsePlan(fixture.plan.text, `.milestones/${fixture.id}.yaml`);
  const text = readFileSync(logPath, "utf8");
  const state = core.fold(plan, core.parseLog(text, fixture.id).events);
  const t = state.tasks.find((s) => s.status === "in_progress" || s.status === "ready");
  if (!t) throw new Error("no claimable task in the fixture");
  return { task: t.id, actor: t.claim?.by ?? "bench-agent" };
}

/** `runs` rounds (after `warmup` rounds, default one) of contender and floor, alternating which goes first; one ratio per round. */
function alternate(runs, { floor, ...options }) {
  return alternateFloors(runs, { ...options, floors: [floor] })[0];
}

/** alternate with several floors: each round runs the contender once and every floor; one result per floor. */
function alternateFloors(runs, { warmup = 1, prepare, contender, floors, cleanup, order, measure = "ms" }) {
  const a = [];
  const b = floors.map(() => []);
  for (let round = -warmup; round < runs; round++) {
    const input = prepare?.(round);
    const first = order === "contender-first" || round % 2 === 0;
    let x;
    let y;
    if (first) {
      x = contender(input);
      y = floors.map((floor) => floor(input));
    } else {
      y = floors.map((floor) => floor(input));
      x = contender(input);
    }
    cleanup?.(input);
    if (round < 0) continue; // warm-up
    a.push(x[measure]);
    y.forEach((result, i) => b[i].push(result[measure]));
  }
  return b.map((times) => {
    const ratios = a.map((x, i) => x / times[i]);
    return {
      ratio: median(ratios),
      p10: percentile(ratios, 0.1),
      p90: percentile(ratios, 0.9),
      contender: median(a),
      floorMs: median(times),
      runs,
    };
  });
}

/** Run `node <args>` to completion; its wall time, CPU time and peak RSS. Throws when it fails. */
function node(args, cwd, env) {
  const dir = mkdtempSync(join(tmpdir(), "phasegate-bench-usage-"));
  try {
    const out = join(dir, "usage.json");
    const start = performance.now();
    const result = spawnSync(process.execPath, ["--import", USAGE, ...args], {
      cwd,
      env: { ...env, PHASEGATE_BENCH_USAGE_OUT: out },
      stdio: ["ignore", "ignore", "pipe"],
      maxBuffer: 1 << 26,
    });
    const ms = performance.now() - start;
    if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
    return { ms, ...JSON.parse(readFileSync(out, "utf8")) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function git(cwd, ...args) {
  const result = spawnSync("git", args, { cwd, encoding: "utf8", env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1" } });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

/** A fresh repository with `n` independent tasks on the milestone branch; returns its root. */
function executeRepo(scratch, n) {
  const root = mkdtempSync(join(scratch, "execute-"));
  git(root, "init", "-q", "-b", "main");
  git(root, "config", "user.name", "Bench Runner");
  git(root, "config", "user.email", "bench@example.invalid");
  const phases = PHASES.map(
    (id, i) =>
      `    - { id: ${id}, weight: ${[15, 25, 20, 40][i]}, approval_required: false, deliverables: [docs/${id}.md] }`,
  );
  const tasks = Array.from({ length: n }, (_, i) => `  - id: T${i + 1}\n    title: Task ${i + 1}\n`);
  mkdirSync(join(root, ".milestones"), { recursive: true });
  mkdirSync(join(root, "docs"), { recursive: true });
  writeFileSync(
    join(root, ".milestones/big.yaml"),
    `version: 1\nid: big\ntitle: Big\nworkflow:\n  phases:\n${phases.join("\n")}\ntasks:\n${tasks.join("")}`,
  );
  for (const id of PHASES) writeFileSync(join(root, `docs/${id}.md`), `# ${id}\n\nDone.\n`);
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "plan");
  git(root, "switch", "-q", "-c", "milestone/big");
  return root;
}

/** Commit a harmless change of the plan on the default branch: a new version, which nothing has parsed yet. */
function changePlan(repo, round) {
  writeFileSync(repo.planPath, `${readFileSync(repo.planPath, "utf8")}# revision ${round + 2}\n`);
  git(repo.root, "commit", "-q", "-m", `plan revision ${round + 2}`, "--", repo.planPath);
}

/** A milestone repository for checkpoint and two plain ones for the floors, each with the same 20 files to change. */
function checkpointRepos(scratch, env) {
  const make = (name) => {
    const root = join(scratch, name);
    mkdirSync(root, { recursive: true });
    git(root, "init", "-q", "-b", "main");
    git(root, "config", "user.name", "Bench Runner");
    git(root, "config", "user.email", "bench@example.invalid");
    mkdirSync(join(root, "src"), { recursive: true });
    mkdirSync(join(root, ".milestones"), { recursive: true });
    writeFileSync(
      join(root, ".milestones/m1.yaml"),
      "version: 1\nid: m1\ntitle: M\ntasks:\n  - id: T1\n    title: First\n",
    );
    for (let i = 1; i <= 20; i++) writeFileSync(join(root, `src/file-${i}.ts`), `export const v${i} = 0;\n`);
    git(root, "add", "-A");
    git(root, "commit", "-q", "-m", "base");
    git(root, "switch", "-q", "-c", "milestone/m1");
    return root;
  };
  const root = make("checkpoint");
  const floorRoot = make("checkpoint-floor");
  const nodeFloorRoot = make("checkpoint-node-floor");
  node([BIN, "execute", "m1", "--as", "bench"], root, env);
  node([BIN, "checkpoint", "m1", "--min-changes", "0", "--as", "bench"], root, env);
  return {
    root,
    floorRoot,
    nodeFloorRoot,
    change(round) {
      for (const dir of [root, floorRoot, nodeFloorRoot])
        for (let i = 1; i <= 20; i++)
          writeFileSync(join(dir, `src/file-${i}.ts`), `export const v${i} = ${round + 2};\n`);
    },
  };
}

/** `git add -A && git commit` as two processes, timed together. */
function gitFloor(root) {
  const start = performance.now();
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "floor");
  return { ms: performance.now() - start };
}

/** Growth exponent k in time ∝ size^k between two sizes, for the contender and its floor. */
function exponent(figure, from, to, a, b) {
  const k = (x, y) => Math.log(y / x) / Math.log(to / from);
  return { figure, from, to, contender: k(a.contender, b.contender), floor: k(a.floorMs, b.floorMs) };
}

function median(list) {
  return percentile(list, 0.5);
}

/** Linear interpolation between closest ranks. */
function percentile(list, p) {
  const sorted = [...list].sort((x, y) => x - y);
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
}

function count(n) {
  return n.toLocaleString("en-US");
}

/** The section for docs/benchmarks.md. */
export function renderFloorsSection({ rows, exponents, memory }, note) {
  const lines = [
    "## Every figure against its floor",
    "",
    "Floors: **append + fsync** is `node bench/lib/append-floor.mjs` (open a file for appending, write one line, fsync);",
    "**read + parse + hash** is `node bench/lib/floor.mjs <plan> <log>` (read both files, YAML-parse the plan,",
    "JSON-parse and sha256 every log line); **`git add -A && git commit`** is those two git processes in a repository",
    "with the same 20 changed files (issue 16's floor), and **Node start + `git add -A && git commit`** is",
    "`node bench/lib/git-commit-floor.mjs`, a Node process that runs the same two git processes one after the other",
    "(the floor a Node command can be held to, ADR 34; both floors run in the rounds of one set of `checkpoint` runs).",
    "Every contender is a whole `node bin/phasegate.js …` process. Contender and floor",
    "alternate round by round (one warm-up round first, none for `execute`); each round gives one ratio. `status` runs on prefixes of the",
    'busy log (1,000-task plan), after `claim` has appended a few lines; "after a plan change" commits a new plan',
    "version (a comment line) on the default branch before each round, so nothing parsed it yet. `execute` runs on a",
    "fresh repository each round (independent tasks, four ungated phases, deliverables present: every task completes)",
    "and is compared on CPU time (user + system, from the process itself) with the floor reading the log it wrote.",
    note,
    "",
    'What a floor leaves out: every contender is a whole Node process (the `node -e ""` row above is Node\'s own',
    "start), and so is the append floor, but `git add -A && git commit` is two git processes that start in a few",
    "milliseconds each: Node's start alone is several times that floor, so no Node command comes within 3× of it",
    "(ADR 34). That row stays, beside the floor with a Node start, which the target applies to now. Before it does",
    "any work, `checkpoint` pays that start, then reads the default branch and the plan (as `claim` does, below),",
    "lists the changes and HEAD (one `git status`), checks them for secrets, and commits through plumbing",
    "processes: the work, then the log naming it (ADR 20, 29; 13 git processes in all). `claim` pays the bundle's load",
    "on top of the append floor's Node start and fsync, and no git process: the refs are read from their files, the",
    "plan's version from what git said of the default branch's commit before or from its loose objects (ADR 37, 42),",
    "git's settings from what `git config` said while its files stay the same (ADR 40), and only the tasks it uses",
    "from the plan cache and the trusted prefix (ADR 41).",
    "",
    "| figure | floor | on | rounds | contender (median) | floor (median) | ratio (median) | spread (p10–p90) | target | met |",
    "|---|---|---|---:|---:|---:|---:|---:|---:|---|",
    ...rows.map(
      (r) =>
        `| ${r.figure} | ${r.floor} | ${r.on} | ${r.runs} | ${fmt(r.contender)} ms | ${fmt(r.floorMs)} ms | ${r.ratio.toFixed(2)}× | ${r.p10.toFixed(2)}–${r.p90.toFixed(2)}× | ≤ ${r.target}× | ${r.ratio <= r.target ? "yes" : "**no**"} |`,
    ),
    "",
    "Growth exponents k (time ∝ size^k between the smallest and the largest size, from the medians):",
    "",
    "| figure | sizes | k (contender) | k (floor) |",
    "|---|---|---:|---:|",
    ...exponents.map(
      (e) => `| ${e.figure} | ${count(e.from)} → ${count(e.to)} | ${e.contender.toFixed(2)} | ${e.floor.toFixed(2)} |`,
    ),
    ...(memory ? memoryLines(memory) : []),
  ];
  return lines.join("\n") + "\n";
}

function memoryLines(memory) {
  return [
    "",
    "Peak RSS at 100,000 events (median of 3 whole processes):",
    "",
    "| process | peak RSS MiB | × floor |",
    "|---|---:|---:|",
    `| floor (read + parse + hash) | ${mib(memory.floor)} | 1.00× |`,
    `| \`status --json\` | ${mib(memory.status)} | ${(memory.status / memory.floor).toFixed(2)}× (target ≤ 1.3×) |`,
    `| \`claim\` | ${mib(memory.claim)} | ${(memory.claim / memory.floor).toFixed(2)}× (target: no more than status, ${memory.claim <= memory.status ? "met" : "**not met**"}) |`,
  ];
}

function fmt(n) {
  return n >= 100 ? n.toFixed(0) : n.toFixed(1);
}

function mib(bytes) {
  return (bytes / 2 ** 20).toFixed(1);
}
