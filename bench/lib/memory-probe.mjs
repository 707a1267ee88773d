// Preloaded into a child (`node --import <this> …`): at exit, write the process's peak resident set
// size and V8 heap figures as JSON to $PHASEGATE_BENCH_MEMORY_OUT.
import { writeFileSync } from "node:fs";
import { getHeapStatistics } from "node:v8";

const out = process.env.PHASEGATE_BENCH_MEMORY_OUT;
if (out) {
  process.on("exit", () => {
    const heap = getHeapStatistics();
    const { external, arrayBuffers } = process.memoryUsage();
    const figures = {
      maxRss: process.resourceUsage().maxRSS * 1024, // reported in KiB
      heapUsedAtExit: heap.used_heap_size,
      heapCommittedAtExit: heap.total_heap_size,
      external,
      arrayBuffers,
    };
    writeFileSync(out, JSON.stringify(figures));
  });
}
