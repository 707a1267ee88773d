import fc from "fast-check";

/**
 * Property tests run from one fixed seed, so a run on CI is reproducible and a failure is the same
 * failure on a laptop. `npm run test:deep` searches with a fresh seed and many more runs; a seed it
 * reports replays with `PHASEGATE_FC_SEED=<seed>`. A counterexample it finds becomes a named case.
 */
const chosen = process.env.PHASEGATE_FC_SEED ?? "20261206";
if (chosen !== "random") {
  const seed = Number(chosen);
  if (!Number.isSafeInteger(seed)) throw new Error(`PHASEGATE_FC_SEED must be an integer or "random", not ${chosen}`);
  fc.configureGlobal({ seed });
}
