/**
 * Child processes in tests run plain Node 20, which cannot load TypeScript: transpile a module and
 * everything it imports (relative imports only) into a temporary folder, mirroring the source tree.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { tempDir } from "./git-fixture.js";

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Transpile `entry` (project-relative, `.ts`) and its relative imports; returns the `.js` file's path. */
export function compileForNode(entry: string): string {
  const out = tempDir("phasegate-compiled-");
  symlinkSync(join(projectRoot, "node_modules"), join(out, "node_modules"));
  const pending = [resolve(projectRoot, entry)];
  const done = new Set<string>();
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (done.has(file)) continue;
    done.add(file);
    const source = readFileSync(file, "utf8");
    const { outputText } = ts.transpileModule(source, {
      fileName: file,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    });
    // Only imports that survive transpiling are needed at run time (`import type` is gone).
    for (const match of outputText.matchAll(/(?:from|import)\s*["'](\.{1,2}\/[^"']+)\.js["']/g)) {
      pending.push(resolve(dirname(file), `${match[1]}.ts`));
    }
    const target = join(out, relative(projectRoot, file)).replace(/\.ts$/, ".js");
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  return join(out, entry.replace(/\.ts$/, ".js"));
}
