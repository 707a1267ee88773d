import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

/**
 * The tests over the shared corpus of real Kiro, cc-sdd, spec-workflow and Spec Kit files
 * (`../shared/corpus`, or the folder in PHASEGATE_CORPUS). They fail loudly when it is missing.
 */
export default defineConfig({
  test: { ...base.test, include: ["test/**/*.corpus.test.ts"], exclude: ["**/node_modules/**"] },
});
