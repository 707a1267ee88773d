// Preloaded into a child (`node --import <this> …`): at exit, write the process's CPU time (user +
// system, ms) and peak resident set size (bytes) as JSON to $PHASEGATE_BENCH_USAGE_OUT.
import { writeFileSync } from "node:fs";

const out = process.env.PHASEGATE_BENCH_USAGE_OUT;
if (out) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
    writeFileSync(out, JSON.stringify({ cpuMs, maxRss: usage.maxRSS * 1024 }));
  });
}
