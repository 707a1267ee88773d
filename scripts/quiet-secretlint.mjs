// secretlint's profiler records a performance mark per rule and file for a report nobody reads, and
// its `debug` loggers print only for secretlint's developers: the bundles get stand-ins that do
// nothing (together more than half of a 20-file checkpoint's scan, loading included; ADR 29).
import { join } from "node:path";

/** The esbuild plugin (scripts/action-build-options.mjs, scripts/cli-build-options.mjs). */
export function quietSecretlint() {
  return {
    name: "quiet-secretlint",
    setup(b) {
      b.onResolve({ filter: /^@secretlint\/profiler$/ }, () => ({
        path: join(process.cwd(), "scripts/stubs/secretlint-profiler.mjs"),
      }));
      b.onResolve({ filter: /^debug$/ }, (args) =>
        args.importer.includes("@secretlint")
          ? { path: join(process.cwd(), "scripts/stubs/secretlint-debug.mjs") }
          : undefined,
      );
    },
  };
}
