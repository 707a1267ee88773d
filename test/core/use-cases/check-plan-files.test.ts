import { describe, expect, it } from "vitest";
import { checkPlanFiles } from "../../../core/use-cases/check-plan-files.js";
import type { FileReader, FileSnapshot } from "../../../core/ports.js";
import { SAMPLE_PLAN } from "../../helpers/sample-plan.js";

/** Files in memory (a value `{ symlink }` is a link, as GitHub's mode 120000), counting lists. */
function reader(files: Record<string, string | { symlink: string }>) {
  const calls = { list: 0 };
  const reads: FileReader = {
    async read(path): Promise<FileSnapshot | undefined> {
      const file = files[path];
      if (file === undefined) return undefined;
      if (typeof file === "string") return { path, text: file, version: path };
      return { path, text: file.symlink, version: path, symlink: true };
    },
    async list(dir) {
      calls.list++;
      return Object.keys(files)
        .filter((p) => p.slice(0, p.lastIndexOf("/")) === dir)
        .sort();
    },
  };
  return { files: reads, calls };
}

const m2 = (requires: string) =>
  SAMPLE_PLAN.replace("id: m1", "id: m2").replace(
    "title: Milestone one",
    `title: Milestone two\ndependencies: { requires: [${requires}] }`,
  );

describe("checkPlanFiles", () => {
  it("a valid plan: its plan, no issues, and no listing of the plan folders", async () => {
    const { files, calls } = reader({ ".milestones/m1.yaml": SAMPLE_PLAN });
    const [check] = await checkPlanFiles(files, [".milestones/m1.yaml"]);
    expect(check).toMatchObject({ path: ".milestones/m1.yaml", issues: [], plan: { id: "m1" } });
    expect(calls.list).toBe(0);
  });

  it("a file checked from outside the plan folders is itself: not ambiguous with the plan of its name", async () => {
    const { files } = reader({ ".milestones/m1.yaml": SAMPLE_PLAN, "drafts/m1.yaml": SAMPLE_PLAN });
    const checks = await checkPlanFiles(files, ["drafts/m1.yaml", ".milestones/m1.yaml"]);
    expect(checks.map((c) => [c.path, c.issues, c.plan?.id])).toEqual([
      ["drafts/m1.yaml", [], "m1"],
      [".milestones/m1.yaml", [], "m1"],
    ]);
  });

  it("an id claimed by a file not among the paths (active/m1.yaml) is ambiguous too", async () => {
    const { files } = reader({ ".milestones/m1.yaml": SAMPLE_PLAN, ".milestones/active/m1.yaml": SAMPLE_PLAN });
    const [check] = await checkPlanFiles(files, [".milestones/m1.yaml"], { shown: (p) => `./${p}` });
    expect(check!.plan).toBeUndefined();
    expect(check!.issues).toEqual([
      expect.objectContaining({
        file: "./.milestones/m1.yaml",
        line: 1,
        column: 1,
        code: "ambiguous-plan",
        message:
          'milestone "m1" has more than one plan file: .milestones/m1.yaml, .milestones/active/m1.yaml; keep one',
      }),
    ]);
  });

  it("a symlink is refused without parsing its target's name", async () => {
    const { files } = reader({ ".milestones/m1.yaml": { symlink: "../plans/m1.yaml" } });
    const [check] = await checkPlanFiles(files, [".milestones/m1.yaml"]);
    expect(check!.issues.map((i) => i.code)).toEqual(["symlinked-plan"]);
  });

  it("requires: checked against the plans that exist, listed once for all", async () => {
    const { files, calls } = reader({
      ".milestones/m1.yaml": SAMPLE_PLAN,
      ".milestones/m2.yaml": m2("m1"),
      ".milestones/m3.yaml": m2("m9").replace("id: m2", "id: m3"),
    });
    const checks = await checkPlanFiles(files, [".milestones/m2.yaml", ".milestones/m3.yaml"]);
    expect(checks[0]!.issues).toEqual([]);
    expect(checks[1]!.issues.map((i) => [i.code, i.message])).toEqual([
      ["unknown-milestone", "milestone `m9` is not a known milestone"],
    ]);
    expect(calls.list).toBe(3);
  });
});
