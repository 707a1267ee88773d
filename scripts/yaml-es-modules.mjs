// esbuild plugin for the CLI's and the Action's bundles (scripts/cli-build-options.mjs, action-build-options.mjs).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

// The yaml package gives Node its CommonJS build, which esbuild can neither tree-shake nor hoist: the
// whole library is wrapped and run at start-up. Its ES module build (published as "browser", the
// same sources) is bundled instead. It differs only where it would touch Node: a warning goes to
// console.warn rather than process.emitWarning (plans are read with logLevel "error", which emits
// none), !!binary values are decoded with atob (YAML 1.1 only), and the LOG_TOKENS / LOG_STREAM
// debugging variables are not read.
export function yamlEsModules() {
  return {
    name: "yaml-es-modules",
    setup(b) {
      const esm = join(dirname(createRequire(import.meta.url).resolve("yaml/package.json")), "browser/index.js");
      b.onResolve({ filter: /^yaml$/ }, () => ({ path: esm }));
    },
  };
}
