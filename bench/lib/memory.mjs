// Peak memory of a whole `node` process: the resident set size high-water mark (from the child
// itself, through memory-probe.mjs) and the peak V8 heap in use (from --trace-gc: the heap just
// before each collection, or at exit, whichever is larger).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const PROBE = fileURLToPath(new URL("memory-probe.mjs", import.meta.url));
const GC_LINE = /\d+ ms: [A-Za-z -]+ ([\d.]+) \(([\d.]+)\) -> [\d.]+ \([\d.]+\) MB/g;
const MIB = 1024 * 1024;

/** Run `node <args>` `times` times; the run with the median peak RSS: `{ maxRss, peakHeap, gcs }` in bytes. */
export function measureMemory(args, { cwd, env, times = 3 }) {
  const dir = mkdtempSync(join(tmpdir(), "phasegate-bench-mem-"));
  try {
    const runs = [];
    for (let i = 0; i < times; i++) {
      const out = join(dir, `run-${i}.json`);
      const result = spawnSync(process.execPath, ["--trace-gc", "--import", PROBE, ...args], {
        cwd,
        env: { ...env, PHASEGATE_BENCH_MEMORY_OUT: out },
        encoding: "utf8",
        maxBuffer: 256 * MIB,
      });
      if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
      const probe = JSON.parse(readFileSync(out, "utf8"));
      let peakHeap = probe.heapUsedAtExit;
      let gcs = 0;
      for (const match of result.stdout.matchAll(GC_LINE)) {
        peakHeap = Math.max(peakHeap, Number(match[1]) * MIB);
        gcs += 1;
      }
      runs.push({ maxRss: probe.maxRss, peakHeap, gcs });
    }
    runs.sort((a, b) => a.maxRss - b.maxRss);
    return runs[Math.floor(runs.length / 2)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
