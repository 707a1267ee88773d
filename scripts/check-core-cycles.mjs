// Fails when the core's folders, or its modules, import each other in a cycle (docs/architecture.md:
// every folder of core/ sits on a layer, and imports point down only). eslint's rules
// (eslint.config.js) keep the layers of the whole tree apart; this keeps the folders inside core/
// apart, and the modules inside a folder. Run by `npm run lint`.
//
// A module directly in core/ (ports.ts, index.ts) counts as a folder of its own. `import type`
// counts too: a type-only cycle still ties the modules together (a helper that takes the class it
// serves names the few members it reads in an interface of its own instead).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const root = resolve(process.argv[2] ?? "core");

/** Relative import and export specifiers of one module, static or dynamic. */
function specifiers(source) {
  const found = [];
  for (const m of source.matchAll(/\b(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) found.push(m[1]);
  return found;
}

function folderOf(file) {
  const [first] = relative(root, file).split(sep);
  return first;
}

/** Every module of core/ and the modules of core/ it imports, each import's specifier kept for the report. */
function moduleImports() {
  const files = readdirSync(root, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(root, f));
  return files.map((file) => ({
    file,
    imports: specifiers(readFileSync(file, "utf8"))
      .map((spec) => ({ spec, target: resolve(dirname(file), spec).replace(/\.js$/, ".ts") }))
      .filter(({ target }) => !relative(root, target).startsWith("..")),
  }));
}

/** unit → unit → the first import that links them (shown when a cycle is found); a unit is a folder or a module. */
function unitEdges(modules, unitOf) {
  const edges = new Map();
  for (const { file, imports } of modules) {
    const from = unitOf(file);
    for (const { spec, target } of imports) {
      const to = unitOf(target);
      if (to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      const out = edges.get(from);
      if (!out.has(to)) out.set(to, `${relative(root, file)} imports ${spec}`);
    }
  }
  return edges;
}

/** Tarjan's strongly connected components with more than one folder: each is a cycle. */
function cycles(edges) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  let next = 0;
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) found.push(component.sort());
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

const units = [
  {
    name: "folders",
    unitOf: folderOf,
    fix: "Move the shared piece down to the folder both may import (docs/architecture.md).",
  },
  {
    name: "modules",
    unitOf: (file) => relative(root, file),
    fix: "Move the shared piece to a module both may import, or name what a helper reads in an interface of its own.",
  },
];
const modules = moduleImports();
for (const { name, unitOf, fix } of units) {
  const edges = unitEdges(modules, unitOf);
  const found = cycles(edges);
  if (found.length === 0) {
    console.log(`core/: no import cycle between its ${name}.`);
    continue;
  }
  for (const component of found) {
    console.error(`core/: these ${name} import each other in a cycle: ${component.join(", ")}`);
    for (const from of component)
      for (const [to, where] of edges.get(from) ?? [])
        if (component.includes(to)) console.error(`  ${from} → ${to}: ${where}`);
  }
  console.error(fix);
  process.exitCode = 1;
}
