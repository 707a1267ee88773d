// Timing: warm-up runs first, then samples taken in rounds that alternate the contenders (so drift in
// machine load hits both sides alike), with a full GC between samples (outside the timed region).
import { spawnSync } from "node:child_process";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc");

/**
 * Time each `{ name, run }` `runs` times after `warmup` untimed runs, interleaved round by round.
 * `run` may be async. Returns `{ [name]: Stats }`.
 */
export async function compare(contenders, { warmup, runs }) {
  const samples = Object.fromEntries(contenders.map((c) => [c.name, []]));
  for (let round = 0; round < warmup + runs; round++) {
    for (const c of round % 2 === 0 ? contenders : [...contenders].reverse()) {
      gc();
      const start = performance.now();
      await c.run();
      const ms = performance.now() - start;
      if (round >= warmup) samples[c.name].push(ms);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, stats(list)]));
}

/** Time one function alone (see compare). */
export async function time(run, options) {
  return (await compare([{ name: "x", run }], options)).x;
}

/** A `run` for compare: start `node <args>` and wait for it to exit; throws if it fails. */
export function nodeProcess(args, { cwd, env }) {
  return () => {
    const result = spawnSync(process.execPath, args, { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
    if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  };
}

/** Median, 90th percentile (nearest rank), min and max of a list of milliseconds. */
export function stats(list) {
  const sorted = [...list].sort((a, b) => a - b);
  const rank = (p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { runs: sorted.length, median, p90: rank(0.9), min: sorted[0], max: sorted.at(-1) };
}
