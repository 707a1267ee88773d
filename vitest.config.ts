import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests over the shared corpus of real spec files run as their own command (`npm run test:corpus`):
    // a plain clone has no ../shared beside it, and `npm test` must pass there.
    exclude: ["**/node_modules/**", "test/**/*.corpus.test.ts"],
    // Tests that shell out to git and the built CLI are I/O bound; two workers suit the CI machines.
    pool: "forks",
    maxWorkers: 2,
    // Generous: a few tests replay every fault at every request, and machines are shared; a hang still fails.
    testTimeout: 120_000,
    // Setup hooks build bundles and repositories (esbuild, git): on a busy machine they take longer
    // than vitest's 10 s default, which failed the append race's setup under load.
    hookTimeout: 60_000,
    reporters: ["default"],
    // Property tests use a fixed seed unless PHASEGATE_FC_SEED says otherwise (test/setup/fast-check-seed.ts).
    setupFiles: ["test/setup/fast-check-seed.ts"],
    // Real git runs in tests (and in the CLI under test): keep the machine's config and identity out.
    env: {
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_AUTHOR_NAME: "Test Dev",
      GIT_AUTHOR_EMAIL: "dev@example.test",
      GIT_COMMITTER_NAME: "Test Dev",
      GIT_COMMITTER_EMAIL: "dev@example.test",
    },
  },
});
