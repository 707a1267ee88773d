// An esbuild plugin for split bundles: shells import the core through core/index.ts (the layer rule),
// but esbuild's code splitting follows every re-export of a barrel file, so each command's chunk held
// the whole core (plan schemas, zod, YAML, the interop parsers) though it runs a fraction of it. The
// plugin rewrites `import { a, b } from "…/core/index.js"` in the bundle's input to imports from the
// modules that define `a` and `b`; the sources keep the one entry. A name it cannot trace keeps its
// import from the barrel, which is only slower, never different.
import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";

const BARREL = resolve("core/index.ts");

/** `esbuild` plugin: see the file's comment. */
export function directCoreImports() {
  const origins = new Map();
  const origin = (name) => {
    if (origins.size === 0) for (const [n, f] of exportsOf(BARREL, new Set())) origins.set(n, f);
    return origins.get(name);
  };
  return {
    name: "direct-core-imports",
    setup(b) {
      b.onLoad({ filter: /[/\\](cli|local|github|action)[/\\][^\n]*\.ts$/ }, (args) => {
        const text = readFileSync(args.path, "utf8");
        const rewritten = text.replace(
          /^import\s+(type\s+)?\{([^}]*)\}\s+from\s+"([^"]*\/core\/index\.js)";/gm,
          (whole, typeOnly, list, from) => {
            if (typeOnly || resolve(dirname(args.path), from.replace(/\.js$/, ".ts")) !== BARREL) return whole;
            const byFile = new Map();
            for (const raw of list.split(",")) {
              const spec = raw.trim();
              if (spec === "" || spec.startsWith("type ")) continue;
              const [name] = spec.split(/\s+as\s+/);
              const file = origin(name) ?? BARREL;
              byFile.set(file, [...(byFile.get(file) ?? []), spec]);
            }
            return [...byFile]
              .map(([file, specs]) => `import { ${specs.join(", ")} } from "${importPath(args.path, file)}";`)
              .join(" ");
          },
        );
        return { contents: rewritten, loader: "ts" };
      });
    },
  };
}

/** Value exports of a module → the file that declares each (re-exports followed). */
function exportsOf(file, seen) {
  const found = new Map();
  if (seen.has(file)) return found;
  seen.add(file);
  const text = readFileSync(file, "utf8");
  const at = (from) => resolve(dirname(file), from.replace(/\.js$/, ".ts"));
  for (const m of text.matchAll(
    /^export\s+(?:declare\s+)?(?:async\s+)?(?:abstract\s+)?(function\*?|const|let|class|enum)\s+([A-Za-z_$][\w$]*)/gm,
  ))
    found.set(m[2], file);
  for (const m of text.matchAll(/^export\s+\{([^}]*)\}\s+from\s+"([^"]+)";/gm)) {
    const inner = exportsOf(at(m[2]), seen);
    for (const raw of m[1].split(",")) {
      const spec = raw.trim();
      if (spec === "" || spec.startsWith("type ")) continue;
      const [name, alias = name] = spec.split(/\s+as\s+/);
      // An alias keeps the barrel: the importer's name would not be the defining module's.
      if (alias === name) found.set(name, inner.get(name) ?? at(m[2]));
    }
  }
  for (const m of text.matchAll(/^export\s+\*\s+from\s+"([^"]+)";/gm))
    for (const [name, f] of exportsOf(at(m[1]), seen)) if (!found.has(name)) found.set(name, f);
  seen.delete(file);
  return found;
}

function importPath(importer, file) {
  const path = relative(dirname(importer), file).replace(/\\/g, "/").replace(/\.ts$/, ".js");
  return path.startsWith(".") ? path : `./${path}`;
}
