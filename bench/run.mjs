#!/usr/bin/env node
// Phasegate's benchmarks: `phasegate status` on a 1,000-task milestone against a read-and-parse
// baseline, the fold's scaling in events, and peak memory. Prints the tables and writes
// docs/benchmarks.md. About three minutes on two cores.
//
//   npm run bench                 # build the CLI, run everything, write docs/benchmarks.md
//   npm run bench -- --quick      # fewer runs, for a smoke test; writes nothing
//   npm run bench -- --skip-build # use dist/ as it is
//   npm run bench -- --keep       # keep the scratch repositories (paths are printed)
//   npm run bench -- --only floors --rows claim,status   # some suites / floor rows; writes nothing
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadCore } from "./lib/core-bundle.mjs";
import { createFixture } from "./lib/fixture.mjs";
import { renderReport } from "./lib/render-report.mjs";
import { benchBreakdown } from "./suites/breakdown.mjs";
import { benchMemory } from "./suites/memory.mjs";
import { BIN, cliEnv, DIST, ROOT } from "./suites/paths.mjs";
import { benchScaling } from "./suites/scaling.mjs";
import { benchStatus } from "./suites/status.mjs";
import { benchGitHub, renderGitHubSection } from "./suites/github.mjs";
import { benchApp, renderAppSection } from "./suites/app.mjs";
import { benchAction, renderActionSection } from "./suites/action.mjs";
import { benchFloors, renderFloorsSection } from "./suites/floors.mjs";

const { values: flags } = parseArgs({
  options: {
    quick: { type: "boolean" },
    "skip-build": { type: "boolean" },
    keep: { type: "boolean" },
    only: { type: "string" },
    rows: { type: "string" },
  },
});
const SUITES = ["status", "breakdown", "scaling", "memory", "floors", "github", "app", "action"];
const only = flags.only?.split(",") ?? SUITES;
const unknown = only.filter((s) => !SUITES.includes(s));
if (unknown.length > 0) throw new Error(`unknown suite ${unknown.join(", ")}; the suites: ${SUITES.join(", ")}`);
const partial = only.length < SUITES.length || flags.rows !== undefined;
const wanted = (suite) => only.includes(suite);
const q = (full, quick) => (flags.quick ? quick : full);
const RUNS = {
  inProcess: { warmup: q(1, 1), runs: q(7, 5) },
  process: { warmup: q(1, 1), runs: q(7, 5) },
  step: { warmup: q(1, 1), runs: q(7, 5) },
  sizes: [
    { events: 0, runs: { warmup: q(3, 1), runs: q(15, 5) } },
    { events: 1_000, runs: { warmup: q(3, 1), runs: q(15, 5) } },
    { events: 10_000, runs: { warmup: 1, runs: q(7, 5) } },
    { events: 100_000, runs: { warmup: 1, runs: q(3, 2) } },
  ],
  memory: q(3, 1),
};
const loadAtStart = loadavg()[0];
const started = performance.now();
const log = (text) => process.stderr.write(`bench: [${((performance.now() - started) / 1000).toFixed(0)} s] ${text}\n`);

if (!flags["skip-build"]) {
  log("building the CLI (node scripts/build.mjs)");
  const build = spawnSync(process.execPath, [join(ROOT, "scripts", "build.mjs")], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) throw new Error("the build failed; fix it or run with --skip-build");
}
const core = await loadCore();
const { main } = await import(DIST.href);

log("generating the fixture (1,000 tasks; 10,000- and 100,000-event logs)");
const fixture = createFixture(core);
try {
  checkFixture(fixture);
  const sections = {};
  if (wanted("status") || wanted("breakdown") || wanted("scaling") || wanted("memory")) {
    // The first four suites make one report (renderReport): a partial run prints only what it ran.
    const parts = {};
    if (wanted("status")) {
      log("status against the baseline");
      parts.status = await benchStatus({ fixture, main, runs: RUNS });
    }
    if (wanted("breakdown")) {
      log("breakdown of status");
      parts.breakdown = await benchBreakdown({ fixture, core, main, runs: RUNS.step });
    }
    if (wanted("scaling")) {
      log("scaling in events");
      parts.scaling = await benchScaling({ fixture, core, sizes: RUNS.sizes });
    }
    if (wanted("memory")) {
      log("peak memory");
      parts.memory = benchMemory({ fixture, times: RUNS.memory });
    }
    Object.assign(sections, renderReport({ machine: describeMachine(), fixture: describeFixture(fixture), ...parts }));
  }
  if (wanted("floors")) {
    log("every figure against its floor (claim, execute, status, checkpoint)");
    const floorsLoad = loadavg()[0];
    sections.floors = renderFloorsSection(
      await benchFloors({ fixture, core, quick: flags.quick, rows: flags.rows?.split(","), log }),
      `Load average (1 min) when this section started: ${floorsLoad.toFixed(2)} on ${availableParallelism()} cores${floorsLoad > availableParallelism() ? " (a loaded machine: other work ran at the same time; the ratios alternate with their floors, the absolute times are slower than on an idle machine)" : ""}.`,
    );
  }
  if (wanted("github")) {
    log("GitHub: requests of the sync and of a log append (200 tasks, virtual time)");
    sections.github = renderGitHubSection(await benchGitHub(200));
  }
  if (wanted("app")) {
    log("App: /approve end to end, a 200-task initial sync through continuations (virtual time)");
    sections.app = renderAppSection(await benchApp(200));
  }
  if (wanted("action")) {
    log("Action: bundle size and cold start of validate");
    sections.action = renderActionSection(benchAction(q(9, 5)));
  }
  const rest = ["floors", "github", "app", "action"].map((k) => sections[k]).filter(Boolean);
  process.stdout.write(`\n${[sections.tables, ...rest].filter(Boolean).join("\n\n")}\n`);
  const write = !flags.quick && !partial;
  if (write) writeFileSync(join(ROOT, "docs", "benchmarks.md"), `${sections.doc.trimEnd()}\n\n${rest.join("\n")}`);
  else log(`${flags.quick ? "--quick" : "a partial run"}: docs/benchmarks.md left as it was`);
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s${write ? "; wrote docs/benchmarks.md" : ""}`);
} finally {
  if (flags.keep) log(`kept ${fixture.log.repo.root} and ${fixture.busy.repo.root}`);
  else fixture.remove();
}

/** The benchmark is worthless if status reads anything else than the whole valid log: check once. */
function checkFixture(f) {
  for (const { repo, events, counts } of [f.log, f.busy]) {
    const result = spawnSync(process.execPath, [BIN, "status", f.id, "--json"], {
      cwd: repo.root,
      env: cliEnv(),
      encoding: "utf8",
      maxBuffer: 1 << 28,
    });
    if (result.status !== 0) throw new Error(`phasegate status exited ${result.status}: ${result.stderr}`);
    const view = JSON.parse(result.stdout);
    const ok =
      view.log.verified &&
      view.log.events === events &&
      view.milestone.tasks_total === f.tasks &&
      view.milestone.tasks_completed === (counts.kiro_task_completed ?? 0);
    if (!ok)
      throw new Error(
        `phasegate status does not see the generated milestone: ${JSON.stringify(view.milestone)} ${JSON.stringify(view.log)}`,
      );
  }
}

function describeMachine() {
  const cpu = cpus();
  return {
    date: new Date().toISOString().slice(0, 10),
    node: process.version,
    cpu: `${cpu[0]?.model.trim() ?? "unknown"} (${cpu.length} cores, ${availableParallelism()} available)`,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${process.platform} ${process.arch}`,
    "load average (1 min) at start, end": `${loadAtStart.toFixed(2)}, ${loadavg()[0].toFixed(2)}`,
  };
}

function describeFixture(f) {
  const completed = (counts) => counts.kiro_task_completed ?? 0;
  return {
    tasks: f.tasks,
    planBytes: f.plan.text.length,
    log: { bytes: f.log.text.length, counts: f.log.counts, completed: completed(f.log.counts) },
    busy: { bytes: f.busy.text.length, counts: f.busy.counts, completed: completed(f.busy.counts) },
  };
}
