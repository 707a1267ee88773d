import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests that shell out to git and the built CLI are I/O bound; two workers suit the CI machines.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    reporters: ["default"],
  },
});
