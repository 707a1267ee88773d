import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";
import { loadedInputs } from "../helpers/loaded-inputs.js";

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

/** API mode, secretlint, and the log's machinery: what `validate` never runs. */
const notForValidate = (f: string) =>
  /node_modules\/(undici|@octokit|@actions\/github|@secretlint)\/|^(github|core\/(events|projection|workflow))\/|^core\/use-cases\/(scan|sync|advance|claim)/.test(
    f,
  );

describe("the Action's bundle (ADR 35)", () => {
  it("the entry loads no command, plan schema, YAML or zod; validate loads nothing of API mode and, for a valid plan, the schemas without YAML (YAML as ES modules when needed)", async () => {
    const metafile = await actionMetafile();
    const entry = loadedInputs(metafile, "action/index.ts");
    expect(entry).toContain("action/run.ts");
    const heavy = (f: string) =>
      notForValidate(f) || /node_modules\/(zod|yaml)\/|core\/plan\/plan-schema\.ts|^action\/commands\//.test(f);
    expect(entry.filter(heavy)).toEqual([]);

    const validate = loadedInputs(metafile, "action/commands/validate.ts");
    expect(validate.filter(notForValidate)).toEqual([]);
    // A valid plan in everyday YAML is read by the fast reading, whose chunk holds the schemas and
    // not the yaml library (ADR 33, 38); the positioned reading loads it for any other file.
    expect(validate.filter((f) => /node_modules\/(zod|yaml)\/|core\/plan\/plan-schema\.ts/.test(f))).toEqual([]);
    const plain = loadedInputs(metafile, "core/plan/read-plain-plan.ts");
    expect(plain).toContain("core/plan/plan-schema.ts");
    expect(plain.filter((f) => f.includes("node_modules/yaml/"))).toEqual([]);
    // The schemas are built with zod's mini API (ADR 38): its classic layer is not bundled.
    expect(plain.some((f) => f.includes("node_modules/zod/v4/mini/"))).toBe(true);
    expect(plain.filter((f) => f.includes("node_modules/zod/v4/classic/"))).toEqual([]);
    // YAML's ES module build, which esbuild hoists and tree-shakes, not its CommonJS build.
    const positioned = loadedInputs(metafile, "core/plan/parse-plan.ts");
    expect(positioned.filter((f) => f.includes("node_modules/yaml/")).length).toBeGreaterThan(0);
    expect(positioned.filter((f) => /node_modules\/yaml\/(?!browser\/)/.test(f))).toEqual([]);
    // API mode loads when it runs: its chunk holds Octokit and the GitHub adapter.
    const api = loadedInputs(metafile, "action/run-api.ts");
    expect(api.some((f) => f.includes("node_modules/@actions/github/"))).toBe(true);
    expect(api).toContain("github/index.ts");
  }, 60_000);
});
