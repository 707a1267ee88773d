/**
 * A property's number of runs: `runs` on an everyday `npm test`, or PHASEGATE_FC_RUNS for a deeper
 * search (`npm run test:deep`). The seed comes from test/setup/fast-check-seed.ts; a failure replays
 * with the same PHASEGATE_FC_SEED and PHASEGATE_FC_RUNS.
 */
export function propertyRuns(runs: number): { numRuns: number } {
  const deeper = process.env.PHASEGATE_FC_RUNS;
  return { numRuns: deeper === undefined ? runs : Number(deeper) };
}
