// Fails when the core's folders import each other in a cycle (docs/architecture.md: every folder of
// core/ sits on a layer, and imports point down only). eslint's rules (eslint.config.js) keep the
// layers of the whole tree apart; this keeps the folders inside core/ apart. Run by `npm run lint`.
//
// A module directly in core/ (ports.ts, index.ts) counts as a folder of its own. `import type`
// counts too: a type-only cycle still ties the folders together.
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

/** folder → folder → the first import that links them (shown when a cycle is found). */
function folderEdges() {
  const edges = new Map();
  const files = readdirSync(root, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(root, f));
  for (const file of files) {
    const from = folderOf(file);
    for (const spec of specifiers(readFileSync(file, "utf8"))) {
      const target = resolve(dirname(file), spec).replace(/\.js$/, ".ts");
      if (relative(root, target).startsWith("..")) continue;
      const to = folderOf(target);
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

const edges = folderEdges();
const found = cycles(edges);
if (found.length === 0) {
  console.log("core/: no import cycle between its folders.");
} else {
  for (const component of found) {
    console.error(`core/: these folders import each other in a cycle: ${component.join(", ")}`);
    for (const from of component)
      for (const [to, where] of edges.get(from) ?? [])
        if (component.includes(to)) console.error(`  ${from} → ${to}: ${where}`);
  }
  console.error("Move the shared piece down to the folder both may import (docs/architecture.md).");
  process.exitCode = 1;
}
