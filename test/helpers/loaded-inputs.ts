import type { Metafile } from "esbuild";

/** Every source file the chunk built from `entry` loads before it runs (static imports, transitively). */
export function loadedInputs(metafile: Metafile, entry: string): string[] {
  const outputs = metafile.outputs;
  const start = Object.keys(outputs).find((o) => outputs[o]?.entryPoint === entry);
  if (start === undefined) throw new Error(`no chunk for ${entry}`);
  const seen = new Set<string>();
  const pending = [start];
  for (let out = pending.pop(); out !== undefined; out = pending.pop()) {
    if (seen.has(out)) continue;
    seen.add(out);
    for (const i of outputs[out]?.imports ?? []) if (i.kind === "import-statement" && !i.external) pending.push(i.path);
  }
  return [...seen].flatMap((out) => Object.keys(outputs[out]?.inputs ?? {}));
}
