import { existsSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parsePlan } from "../../core/index.js";
import { CORPUS_ROOT, requireCorpus } from "../core/interop/corpus.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { failures, runAction } from "./harness.js";

/** A real Kiro spec: seven open top-level tasks, sub-items and optional property tests. */
const SOURCE = "kiro/RockyBoyRC__SpaceWeirdos/.kiro/specs/high-severity-duplication-fixes";
const FOLDER = ".kiro/specs/high-severity-duplication-fixes";
const ID = "high-severity-duplication-fixes";
const PLAN_FILE = `.milestones/${ID}.yaml`;

function specFiles(source = SOURCE, folder = FOLDER): Record<string, string> {
  requireCorpus();
  const files: Record<string, string> = {};
  for (const name of readdirSync(join(CORPUS_ROOT, source))) {
    files[`${folder}/${name}`] = readFileSync(join(CORPUS_ROOT, source, name), "utf8");
  }
  return files;
}

let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

describe("import", () => {
  it("turns a real Kiro folder into a plan that validates; the YAML is an output, nothing written", async () => {
    repo = scratchRepo(specFiles());
    const result = await runAction(repo.root, { command: "import", path: FOLDER, approvers: "alice, @acme/leads" });
    expect(result).toMatchObject({ ok: true, exitCode: 0, outputs: { ok: "true", "plan-file": PLAN_FILE } });
    const { plan, issues } = parsePlan(result.outputs.plan!, PLAN_FILE);
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(plan?.tasks.map((t) => t.id)).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(plan?.approvers).toEqual(["alice", "@acme/leads"]);
    expect(existsSync(join(repo.root, PLAN_FILE))).toBe(false);
    expect(result.summary).toContain(`## Phasegate import: \`${ID}\``);
    expect(result.summary).toContain(`7 tasks from \`${FOLDER}/tasks.md\` (kiro).`);
    expect(result.summary).toContain("```yaml\n");
  });

  it("items left out become warnings, annotated and listed in the summary", async () => {
    const folder = ".kiro/specs/professional-repo-setup";
    repo = scratchRepo(specFiles(`kiro/1oosedows__pentest-academy/${folder}`, folder));
    const result = await runAction(repo.root, { command: "import", path: folder });
    expect(result).toMatchObject({ ok: true, outputs: { "plan-file": ".milestones/professional-repo-setup.yaml" } });
    expect(result.commands.filter((c) => c.command === "warning").map((c) => c.message)).toEqual([
      "import: left out 2 items optional: 7, 8",
    ]);
    expect(result.summary).toContain("6 tasks from");
    expect(result.summary).toContain("### Warnings (1)\n\n- left out 2 items optional: 7, 8\n");
  });

  it("write: saves the plan once, then refuses to overwrite it", async () => {
    repo = scratchRepo(specFiles());
    const first = await runAction(repo.root, { command: "import", path: FOLDER, write: "true" });
    expect(first).toMatchObject({ ok: true, exitCode: 0 });
    expect(repo.read(PLAN_FILE)).toBe(first.outputs.plan);
    expect(first.summary).toContain(`Wrote \`${PLAN_FILE}\` in the workspace`);
    expect((await runAction(repo.root, { command: "validate" })).ok).toBe(true);

    const again = await runAction(repo.root, { command: "import", path: FOLDER, write: "true", approvers: "bob" });
    expect(again).toMatchObject({ ok: false, exitCode: 1, outputs: { ok: "false" } });
    expect(failures(again)).toEqual([
      `phasegate import: ${PLAN_FILE} already exists; set "id" to import under another id, or remove it first`,
    ]);
    expect(repo.read(PLAN_FILE)).toBe(first.outputs.plan);
    const renamed = await runAction(repo.root, { command: "import", path: FOLDER, write: "true", id: "dup-fixes" });
    expect(renamed.outputs["plan-file"]).toBe(".milestones/dup-fixes.yaml");
    expect(existsSync(join(repo.root, ".milestones/dup-fixes.yaml"))).toBe(true);
  });

  it("refuses a folder without tasks.md, a file, a missing folder and a tasks.md that links outside", async () => {
    repo = scratchRepo({ ...specFiles(), "docs/README.md": "x\n" });
    const empty = await runAction(repo.root, { command: "import", path: "docs" });
    expect(failures(empty)).toEqual(["phasegate import: docs: no tasks.md in the folder"]);
    const file = await runAction(repo.root, { command: "import", path: `${FOLDER}/tasks.md` });
    expect(failures(file)[0]).toMatch(/is a file; "path" names the spec folder/);
    const missing = await runAction(repo.root, { command: "import", path: ".kiro/specs/nope" });
    expect(failures(missing)[0]).toMatch(/no such file or folder in the repository$/);

    symlinkSync(join(CORPUS_ROOT, SOURCE, "tasks.md"), join(repo.root, "docs/tasks.md"));
    const linked = await runAction(repo.root, { command: "import", path: "docs" });
    expect(linked.exitCode).toBe(1);
    expect(failures(linked)[0]).toMatch(/^phasegate import: refused path "docs\/tasks\.md"/);
  });
});
