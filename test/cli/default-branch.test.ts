import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";
import { parseLog } from "../../core/events/parse-log.js";
import { DESIGN, SAMPLE_PLAN, sampleFiles } from "../helpers/sample-plan.js";
import { gitEnv, scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";

const LOG = ".milestones/logs/m1.jsonl";
/** The sample plan with T1's design gate dropped. */
const UNGATED = SAMPLE_PLAN.replace(
  "    assignees: [bob]\n",
  "    assignees: [bob]\n    kiro_workflow:\n      phases:\n        design: { approval_required: false }\n",
);

let repo: ScratchRepo;
const extra: string[] = [];
afterEach(() => {
  repo?.cleanup();
  for (const dir of extra.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const events = (root: string, read: (p: string) => string) =>
  existsSync(join(root, LOG))
    ? parseLog(read(LOG), "m1").events.map((e) => `${e.event}${e.task_id ? ` ${e.task_id}` : ""}`)
    : [];

/** A milestone branch whose plan drops the design gate (committed there), with the design written. */
function ungatedBranch(): ScratchRepo {
  const r = scratchRepo(sampleFiles(), "milestone/m1");
  r.write(".milestones/m1.yaml", UNGATED);
  r.write(".kiro/specs/first/design.md", DESIGN);
  r.git("add", "-A");
  r.git("commit", "-qm", "drop the gate on the milestone branch");
  return r;
}

describe("plans come from the default branch, named by a branch name only", () => {
  const hostile = (r: ScratchRepo) => [
    "HEAD",
    "@",
    "@{0}",
    "@{-1}",
    r.git("rev-parse", "milestone/m1").trim(),
    r.git("rev-parse", "--short", "milestone/m1").trim(),
    "refs/heads/milestone/m1",
    "heads/milestone/m1",
    "milestone/m1~0",
    "milestone/m1^0",
    "milestone/m1^{commit}",
    "main~0",
    "refs/remotes/origin/main",
    "FETCH_HEAD",
    "ORIG_HEAD",
    " main",
    "-main",
    "main:",
    "nosuchbranch",
  ];

  it("refuses every phasegate.defaultBranch that is not an existing branch's name, and writes nothing", async () => {
    repo = ungatedBranch();
    repo.git("switch", "-q", "main");
    repo.git("switch", "-q", "milestone/m1"); // so @{-1} names main, a real branch, yet not by name
    const tried = hostile(repo);
    expect(tried.length).toBe(19);
    for (const value of tried) {
      repo.git("config", "phasegate.defaultBranch", value);
      const run = await repo.cli("execute", "m1", "--as", "bob");
      expect({ value, code: run.code }).toEqual({ value, code: 1 });
      expect(run.err).toMatch(/phasegate\.defaultBranch/);
      expect(events(repo.root, repo.read)).toEqual([]);
    }
    repo.git("config", "phasegate.defaultBranch", "main");
    expect((await repo.cli("execute", "m1", "--as", "bob")).code).toBe(0);
    expect(events(repo.root, repo.read)).not.toContain("phase_completed T1");
  });

  it("with a remote, origin's default branch decides: a stray or unpushed local main is not trusted", async () => {
    const upstream = scratchRepo(sampleFiles(), "milestone/m1");
    extra.push(upstream.root);
    upstream.git("switch", "-q", "main");
    const root = mkdtempSync(join(tmpdir(), "phasegate-clone-"));
    extra.push(root);
    const env = gitEnv(root);
    execFileSync("git", ["clone", "-q", upstream.root, "clone"], { cwd: root, env });
    const clone = join(root, "clone");
    const git = (...args: string[]) => execFileSync("git", args, { cwd: clone, env, encoding: "utf8" });
    const cli = async (...args: string[]) => {
      let out = "";
      let err = "";
      const code = await main(
        args,
        { out: (t) => void (out += t), err: (t) => void (err += t), json: false },
        { cwd: clone, env: { ...env, PHASEGATE_SESSION: "s-clone" } },
      );
      return { code, out, err };
    };
    // An unpushed commit on the local default branch drops the gate.
    execFileSync("node", ["-e", `require("fs").writeFileSync(".milestones/m1.yaml", ${JSON.stringify(UNGATED)})`], {
      cwd: clone,
    });
    git("commit", "-qam", "drop the gate, unpushed");
    git("switch", "-q", "milestone/m1");
    execFileSync(
      "node",
      [
        "-e",
        `require("fs").mkdirSync(".kiro/specs/first",{recursive:true});require("fs").writeFileSync(".kiro/specs/first/design.md", ${JSON.stringify(DESIGN)})`,
      ],
      { cwd: clone },
    );
    const run = await cli("execute", "m1", "--as", "bob");
    expect(run.code).toBe(0);
    const read = (p: string) => execFileSync("cat", [p], { cwd: clone, encoding: "utf8" });
    expect(events(clone, read)).toContain("phase_started T1");
    expect(events(clone, read)).not.toContain("phase_completed T1");
    expect((await cli("verify", "m1")).code).toBe(0);

    // Without origin/HEAD, a local branch named main is not guessed either: origin/main decides.
    git("remote", "set-head", "origin", "--delete");
    git("branch", "-f", "master", "main"); // a second stray
    const again = await cli("execute", "m1", "--as", "bob");
    expect(again.code).toBe(0);
    expect(events(clone, read)).not.toContain("phase_completed T1");

    // Named explicitly, the branch is still read from the remote.
    git("config", "phasegate.defaultBranch", "main");
    await cli("execute", "m1", "--as", "bob");
    expect(events(clone, read)).not.toContain("phase_completed T1");
    // A default branch the remote does not have is refused, not read locally.
    git("config", "phasegate.defaultBranch", "master");
    const missing = await cli("execute", "m1", "--as", "bob");
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/origin\/master/);
  });

  it("verify reports a plan version that was never on the default branch's history", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    // The plan without its gate is put on main for one run, then main is reset: the blob stays in .git.
    repo.git("switch", "-q", "main");
    repo.write(".milestones/m1.yaml", UNGATED);
    repo.git("commit", "-qam", "drop the gate");
    repo.git("switch", "-q", "milestone/m1");
    repo.write(".kiro/specs/first/design.md", DESIGN);
    expect((await repo.cli("execute", "m1", "--as", "bob")).code).toBe(0);
    expect(events(repo.root, repo.read)).toContain("phase_completed T1");
    repo.git("branch", "-f", "main", "main~1");
    const verify = await repo.cli("verify", "m1");
    expect(verify.code).toBe(1);
    expect(verify.out).toMatch(/line 1: plan version [0-9a-f]{12} was never on main/);
    const status = await repo.cli("status", "m1", "--json");
    expect(status.code).toBe(1);
  });

  it("a gate dropped on the default branch while its phase is open is reported by verify and status", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    expect((await repo.cli("execute", "m1", "--as", "bob")).code).toBe(0);
    repo.git("switch", "-q", "main");
    repo.write(".milestones/m1.yaml", UNGATED);
    repo.git("commit", "-qam", "drop the gate under the open phase");
    repo.git("switch", "-q", "milestone/m1");
    repo.write(".kiro/specs/first/design.md", DESIGN);
    expect((await repo.cli("execute", "m1", "--as", "bob")).code).toBe(0);
    const verify = await repo.cli("verify", "m1");
    expect(verify.code).toBe(1);
    expect(verify.out).toMatch(/T1 design completed .*the plan changed under the open phase/);
    const status = await repo.cli("status", "m1", "--json");
    expect(status.code).toBe(1);
    expect(JSON.parse(status.out).log.problems).toEqual([expect.stringMatching(/plan changed under the open phase/)]);

    // A plan change that keeps the gate is no finding.
    extra.push(repo.root);
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    expect((await repo.cli("execute", "m1", "--as", "bob")).code).toBe(0);
    repo.git("switch", "-q", "main");
    repo.write(".milestones/m1.yaml", SAMPLE_PLAN.replace("title: First task", "title: First task, renamed"));
    repo.git("commit", "-qam", "rename");
    repo.git("switch", "-q", "milestone/m1");
    repo.write(".kiro/specs/first/design.md", DESIGN);
    expect((await repo.cli("approve", "m1", "T1", "--as", "alice")).code).toBe(0);
    expect((await repo.cli("verify", "m1")).code).toBe(0);
  });
});
