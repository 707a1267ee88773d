import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { sampleFiles, TASKS_OPEN } from "../helpers/sample-plan.js";

let repo: ScratchRepo;
let outside: string;
afterEach(() => {
  repo?.cleanup();
  if (outside) rmSync(outside, { recursive: true, force: true });
});

/** A task list and a plan-looking file in a folder that is not in the repository. */
function outsideFiles(): { tasks: string; plan: string } {
  outside = mkdtempSync(join(tmpdir(), "phasegate-outside-"));
  writeFileSync(join(outside, "tasks.md"), TASKS_OPEN);
  writeFileSync(join(outside, "m9.yaml"), "version: 1\n");
  return { tasks: join(outside, "tasks.md"), plan: join(outside, "m9.yaml") };
}

describe("files outside the repository", () => {
  it("parse-tasks refuses a file outside the repository and still reads one inside", async () => {
    repo = scratchRepo({ ...sampleFiles(), ".kiro/specs/first/tasks.md": TASKS_OPEN });
    const { tasks } = outsideFiles();
    const refused = await repo.cli("parse-tasks", tasks);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`refused path ${JSON.stringify(tasks)}: it is outside the repository`);
    expect(refused.out).toBe("");
    const inside = await repo.cli("parse-tasks", ".kiro/specs/first/tasks.md", "--json");
    expect(inside.code).toBe(0);
    expect(JSON.parse(inside.out)).toMatchObject({ file: ".kiro/specs/first/tasks.md", flavour: "kiro" });
    const missing = await repo.cli("parse-tasks", "nope.md");
    expect(missing).toMatchObject({ code: 1, err: expect.stringContaining("nope.md: no such file") });
  });

  it("validate says a path is outside the repository, not that it contains ..", async () => {
    repo = scratchRepo(sampleFiles());
    const { plan } = outsideFiles();
    for (const given of [plan, "../../../../../../../etc"]) {
      const result = await repo.cli("validate", given);
      expect(result.code).toBe(1);
      expect(result.err).toContain(`refused path ${JSON.stringify(given)}: it is outside the repository`);
      expect(result.err).not.toContain("..`");
    }
  });
});
