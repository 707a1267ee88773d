import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CORPUS_ROOT, requireCorpus } from "../core/interop/corpus.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";

/** A Kiro spec with seven open top-level tasks, sub-items and optional property tests, copied from the corpus. */
const SOURCE = "kiro/RockyBoyRC__SpaceWeirdos/.kiro/specs/high-severity-duplication-fixes";
const FOLDER = ".kiro/specs/high-severity-duplication-fixes";
const ID = "high-severity-duplication-fixes";
const TASKS = `${FOLDER}/tasks.md`;

function specFiles(): Record<string, string> {
  requireCorpus();
  const files: Record<string, string> = { ".gitignore": "node_modules/\n" };
  for (const name of readdirSync(join(CORPUS_ROOT, SOURCE))) {
    files[`${FOLDER}/${name}`] = readFileSync(join(CORPUS_ROOT, SOURCE, name), "utf8");
  }
  return files;
}

let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

type TaskView = { id: string; status: string; phase: string | null; awaiting_approval: boolean };
const tasks = async (r: ScratchRepo): Promise<TaskView[]> =>
  JSON.parse((await r.cli("status", ID, "--json")).out).tasks;

describe("phasegate import", () => {
  it("writes a plan that validates, then runs it: execute, tick, approve, checkpoint writes the tick back", async () => {
    repo = scratchRepo(specFiles());
    const imported = await repo.cli("import", FOLDER, "--approver", "alice", "--write");
    expect(imported).toMatchObject({ code: 0, out: expect.stringContaining(`wrote .milestones/${ID}.yaml: 7 tasks`) });
    expect(imported.err).toBe("");
    const again = await repo.cli("import", FOLDER, "--write");
    expect(again.code).toBe(1);
    expect(again.err).toContain(`.milestones/${ID}.yaml already exists`);
    const valid = await repo.cli("validate");
    expect(valid).toMatchObject({ code: 0, out: expect.stringContaining(`ok   .milestones/${ID}.yaml (7 tasks)`) });

    // Approvers are read from the default branch, and work happens on the milestone branch.
    repo.git("add", ".milestones");
    repo.git("commit", "-q", "-m", "plan");
    repo.git("switch", "-q", "-c", `milestone/${ID}`);
    expect((await repo.cli("execute", ID)).code).toBe(0);
    let view = await tasks(repo);
    expect(view.map((t) => [t.id, t.status, t.phase])).toEqual(
      ["1", "2", "3", "4", "5", "6", "7"].map((id) => [id, "in_progress", "execute"]),
    );
    expect(view.every((t) => !t.awaiting_approval)).toBe(true);

    const early = await repo.cli("approve", ID, "1", "--as", "alice");
    expect(early.code).toBe(1);
    expect(early.err).toContain(`${TASKS}: 1 of 1 required items under 1 are not done`);

    // Task 1's one required sub-item (1.2 is optional) is ticked and committed, as a developer would.
    repo.write(TASKS, repo.read(TASKS).replace("- [ ] 1.1 Create", "- [x] 1.1 Create"));
    repo.git("add", "--", TASKS);
    repo.git("commit", "-q", "-m", "work on 1.1");
    expect((await repo.cli("execute", ID)).code).toBe(0);
    view = await tasks(repo);
    expect(view.find((t) => t.id === "1")).toMatchObject({ status: "in_progress", awaiting_approval: true });
    expect(view.find((t) => t.id === "2")?.awaiting_approval).toBe(false);

    const approved = await repo.cli("approve", ID, "1", "--as", "alice");
    expect(approved.err).toBe("");
    expect(approved.code).toBe(0);
    expect((await tasks(repo)).find((t) => t.id === "1")?.status).toBe("completed");

    const before = repo.git("show", `HEAD:${TASKS}`);
    const checkpoint = await repo.cli("checkpoint", ID, "--min-changes", "0");
    expect(checkpoint.code).toBe(0);
    expect(checkpoint.out).toContain(`ticked 1 in ${TASKS}:3`);
    const after = repo.git("show", `HEAD:${TASKS}`);
    expect(after.length).toBe(before.length);
    const changed = [...after].flatMap((char, i) => (char === before[i] ? [] : [[i, before[i], char]]));
    expect(changed).toEqual([[before.indexOf("- [ ] 1. Set up") + 3, " ", "x"]]);
    // HEAD~1: the checkpoint's commit (HEAD holds its event log, ADR 20).
    expect(repo.git("show", "--numstat", "--format=", "HEAD~1", "--", TASKS).trim()).toBe(`1\t1\t${TASKS}`);
  });

  it("prints the YAML without --write, takes the folder relative to -C, and reports as JSON", async () => {
    repo = scratchRepo(specFiles());
    const printed = await repo.cli("import", "specs/high-severity-duplication-fixes", "-C", join(repo.root, ".kiro"));
    expect(printed.code).toBe(0);
    expect(printed.out).toMatch(/^# yaml-language-server: \$schema=/);
    expect(printed.out).toContain(`path: ${TASKS}`);
    const json = JSON.parse((await repo.cli("import", FOLDER, "--id", "dup-fixes", "--pending-only", "--json")).out);
    expect(json).toMatchObject({ ok: true, id: "dup-fixes", flavour: "kiro", tasks: 7, written: false });
    expect(json.yaml).toContain("id: dup-fixes");
  });

  it.each([
    ["a folder outside the repository", ["../elsewhere"], 1, /refused path "\.\.\/elsewhere"/],
    ["a missing folder", ["specs/none"], 1, /specs\/none: no such folder/],
    ["a folder without tasks.md", [".kiro"], 1, /\.kiro: no tasks\.md in the folder/],
    ["a bad milestone id", [FOLDER, "--id", "Bad Id"], 1, /not a valid milestone id/],
    ["no folder", [], 2, /missing <spec folder>/],
  ])("refuses %s", async (_name, args, code, message) => {
    repo = scratchRepo(specFiles());
    const result = await repo.cli("import", ...args);
    expect(result.code).toBe(code);
    expect(result.err).toMatch(message);
    expect(readdirSync(repo.root)).not.toContain(".milestones");
  });
});

describe("phasegate parse-tasks", () => {
  it("prints the items as a tree, and the parsed list as JSON", async () => {
    repo = scratchRepo(specFiles());
    const tree = await repo.cli("parse-tasks", TASKS);
    expect(tree.code).toBe(0);
    const lines = tree.out.split("\n");
    expect(lines[0]).toMatch(/^tasks\.md: kiro, \d+ items \(7 top-level\)/);
    expect(lines).toContain("[ ] 1 Set up migration infrastructure and analysis tools");
    expect(lines).toContain("  [ ] 1.2 * Write property test for migration planning accuracy");
    const json = JSON.parse((await repo.cli("parse-tasks", TASKS, "--json")).out);
    expect(json).toMatchObject({ file: TASKS, flavour: "kiro", eol: "\n", inferred: [] });
    expect(json.items[0]).toMatchObject({ id: "1", state: "todo", kind: "checkbox", line: 3 });
    const missing = await repo.cli("parse-tasks", "nope.md");
    expect(missing).toMatchObject({ code: 1, err: expect.stringContaining("nope.md: no such file") });
  });
});
