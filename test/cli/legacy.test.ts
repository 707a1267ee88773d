import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/plans/legacy/active/${name}`, import.meta.url), "utf8");
let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

describe("plans in the original protocol's shape", () => {
  it("validate with warnings, refuse to run until migrated, then run from the log (not the file's state)", async () => {
    repo = scratchRepo({ ".milestones/active/auth-legacy.yaml": fixture("auth-legacy.yaml") }, "milestone/auth-legacy");
    const validate = await repo.cli("validate");
    expect(validate.code).toBe(0);
    expect(validate.out).toContain("ok   .milestones/active/auth-legacy.yaml (3 tasks)");
    expect(validate.err).toMatch(/auth-legacy\.yaml:\d+:\d+: warning: .*derived/);

    const refused = await repo.cli("execute", "auth-legacy");
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("tasks T2, T3 do not have the phase workflow enabled");
    expect(refused.err).toContain("phasegate migrate .milestones/active/auth-legacy.yaml");

    // Plans change on the default branch: migrate there, commit, and bring it to the milestone branch.
    repo.git("switch", "-q", "main");
    expect((await repo.cli("migrate")).code).toBe(0);
    const migrated = repo.read(".milestones/active/auth-legacy.yaml");
    expect(migrated).toContain("version: 1");
    expect(migrated).toContain("# Written before kiro enforcement");
    expect((await repo.cli("migrate")).out).toContain("already compliant");
    repo.git("commit", "-qam", "migrate the plan");
    repo.git("switch", "-q", "milestone/auth-legacy");
    repo.git("merge", "-q", "main");

    expect((await repo.cli("execute", "auth-legacy")).code).toBe(0);
    const view = JSON.parse((await repo.cli("status", "auth-legacy", "--json")).out);
    // The file claimed 40 % and T1 completed; only the log is believed.
    expect(view.milestone).toMatchObject({ status: "in_progress", progress: 0 });
    expect(view.tasks.map((t: { id: string; status: string }) => [t.id, t.status])).toEqual([
      ["T1", "in_progress"],
      ["T2", "pending"],
      ["T3", "pending"],
    ]);
  });

  it("a required milestone kept in .milestones/completed/ counts as completed", async () => {
    repo = scratchRepo(
      {
        ".milestones/active/search-legacy.yaml": fixture("search-legacy.yaml"),
        ".milestones/completed/auth-legacy.yaml":
          "id: auth-legacy\ntitle: Done\ntasks:\n  - id: T1\n    title: x\n    kiro_workflow: { enabled: true }\n",
      },
      "milestone/search-legacy",
    );
    const result = await repo.cli("execute", "search-legacy");
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse((await repo.cli("status", "search-legacy", "--json")).out).milestone.status).toBe("in_progress");
  });
});
