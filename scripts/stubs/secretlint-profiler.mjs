// Stands in for @secretlint/profiler in the bundles: secretlint marks the start and end of every rule
// on every file with performance.mark and measures them through a PerformanceObserver, for a report
// Phasegate never reads. That was a fifth of a checkpoint's scan, and marks named after odd file
// names crashed it (see profilerSafe in local/detect-secret-content.ts). The same interface, doing nothing.
export class SecretLintProfiler {
  mark() {}
  async getEntries() {
    return [];
  }
  async getMeasures() {
    return [];
  }
}
export const secretLintProfiler = new SecretLintProfiler();
