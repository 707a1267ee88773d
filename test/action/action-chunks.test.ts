import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

/** The Action built as scripts/build.mjs builds it (not written: only its metafile is read). */
async function actionMetafile(): Promise<Metafile> {
  const { actionBuildOptions } = (await import("../../scripts/action-build-options.mjs" as string)) as {
    actionBuildOptions: (o: object) => Parameters<typeof build>[0];
  };
  const define = { __PHASEGATE_BUILD__: JSON.stringify("test-build"), __PHASEGATE_VERSION__: JSON.stringify("0.0.0") };
  const options = actionBuildOptions({ outdir: "dist/action-test", define, banner: { js: "" } });
  const result = await build({ ...options, write: false, metafile: true });
  return result.metafile;
}

/** Every source file the chunk built from `entry` loads before it runs (static imports, transitively). */
function loadedInputs(metafile: Metafile, entry: string): string[] {
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

/** API mode, secretlint, and the log's machinery: what `validate` never runs. */
const notForValidate = (f: string) =>
  /node_modules\/(undici|@octokit|@actions\/github|@secretlint)\/|^(github|core\/(events|projection|workflow))\/|^core\/use-cases\/(scan|sync|advance|claim)/.test(
    f,
  );

describe("the Action's bundle (ADR 35)", () => {
  it("the entry loads no command, plan schema, YAML or zod; validate loads the plan parser and nothing of API mode", async () => {
    const metafile = await actionMetafile();
    const entry = loadedInputs(metafile, "action/index.ts");
    expect(entry).toContain("action/run.ts");
    const heavy = (f: string) =>
      notForValidate(f) || /node_modules\/(zod|yaml)\/|core\/plan\/plan-schema\.ts|^action\/commands\//.test(f);
    expect(entry.filter(heavy)).toEqual([]);

    const validate = loadedInputs(metafile, "action/commands/validate.ts");
    expect(validate).toContain("core/plan/plan-schema.ts");
    expect(validate.filter(notForValidate)).toEqual([]);
    // API mode loads when it runs: its chunk holds Octokit and the GitHub adapter.
    const api = loadedInputs(metafile, "action/run-api.ts");
    expect(api.some((f) => f.includes("node_modules/@actions/github/"))).toBe(true);
    expect(api).toContain("github/index.ts");
  }, 60_000);
});
