import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { approve, cancelApproval, MilestoneHandle, parseLog, setHold } from "../../core/index.js";
import { openLocalContext } from "../../cli/local-context.js";
import { DESIGN, sampleFiles, SAMPLE_PLAN } from "../helpers/sample-plan.js";
import { gitEnv, scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";

let repo: ScratchRepo;
const extra: string[] = [];
afterEach(() => {
  repo?.cleanup();
  for (const dir of extra.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const events = (r: ScratchRepo) =>
  parseLog(r.read(".milestones/logs/m1.jsonl"), "m1").events.map(
    (e) => `${e.event}${e.task_id ? ` ${e.task_id}` : ""}`,
  );

describe("gates that cannot be bypassed", () => {
  it("a gate removed in the working copy of the plan changes nothing: main's plan decides", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    repo.write(".kiro/specs/first/design.md", DESIGN);
    repo.write(
      ".milestones/m1.yaml",
      SAMPLE_PLAN.replace(
        "    assignees: [bob]\n",
        "    assignees: [bob]\n    kiro_workflow:\n      phases:\n        design: { approval_required: false }\n",
      ),
    );
    const run = await repo.cli("execute", "m1");
    expect(run.code).toBe(0);
    expect(run.err).toContain("differs from main's; decisions use the plan on main");
    const view = JSON.parse((await repo.cli("status", "m1", "--json")).out);
    expect(view.tasks[0]).toMatchObject({ id: "T1", phase: "design", status: "in_progress" });
    expect(events(repo)).not.toContain("phase_completed T1");
  });

  it("a default branch called trunk is never guessed: commands say how to set it, then work", async () => {
    const root = mkdtempSync(join(tmpdir(), "phasegate-trunk-"));
    extra.push(root);
    const env = gitEnv(root);
    const git = (...args: string[]) => execFileSync("git", args, { cwd: root, env, encoding: "utf8" });
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    git("clone", "-q", "--single-branch", "-b", "milestone/m1", repo.root, "clone");
    const clone = join(root, "clone");
    const { main } = await import("../../cli/main.js");
    const cli = async (...args: string[]) => {
      let err = "";
      const code = await main(
        args,
        { out: () => undefined, err: (t) => void (err += t), json: false },
        { cwd: clone, env: { ...env, PHASEGATE_SESSION: "s-clone" } },
      );
      return { code, err };
    };
    // A single-branch clone of the milestone branch has no main and no origin/HEAD.
    const refused = await cli("approve", "m1", "T1", "--as", "mallory");
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("git config phasegate.defaultBranch");
    execFileSync("git", ["config", "phasegate.defaultBranch", "milestone/m1"], { cwd: clone, env });
    const same = await cli("status", "m1");
    expect(same.code).toBe(1);
    expect(same.err).toContain("the milestone branch milestone/m1 is the default branch");
  });

  it("a plain clone of the milestone branch reads the plan from origin/main", async () => {
    const root = mkdtempSync(join(tmpdir(), "phasegate-clone-"));
    extra.push(root);
    const env = gitEnv(root);
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    repo.git("switch", "-q", "main"); // the remote's HEAD is its default branch, as on GitHub
    execFileSync("git", ["clone", "-q", "-b", "milestone/m1", repo.root, "clone"], { cwd: root, env });
    const ctx = await openLocalContext({
      cwd: join(root, "clone"),
      actor: "alice",
      session: "s-1",
      verbose: false,
      env,
    });
    const handle = await MilestoneHandle.open(ctx, "m1");
    expect(handle.defaultBranch).toBe("main");
    expect(handle.plan.approvers).toEqual(["alice"]);
  });
});

describe("self-approval cannot be bypassed", () => {
  it("removing yourself from the assignees in the working copy, or releasing your claim, does not make you a reviewer", async () => {
    repo = scratchRepo(
      sampleFiles(SAMPLE_PLAN.replace("approvers: [alice]", "approvers: [alice, bob]")),
      "milestone/m1",
    );
    repo.write(".kiro/specs/first/design.md", DESIGN);
    expect((await repo.cli("execute", "m1")).code).toBe(0);
    repo.write(
      ".milestones/m1.yaml",
      SAMPLE_PLAN.replace("approvers: [alice]", "approvers: [alice, bob]").replace("    assignees: [bob]\n", ""),
    );
    const self = await repo.cli("approve", "m1", "T1", "--as", "bob");
    expect(self.code).toBe(1);
    expect(self.err).toContain("cannot approve their own task");

    repo.git("checkout", "-q", "--", ".milestones/m1.yaml");
    repo.git("switch", "-q", "main");
    repo.write(".milestones/m1.yaml", SAMPLE_PLAN.replace("approvers: [alice]", "approvers: [alice, bob, carol]"));
    repo.git("commit", "-qam", "carol approves too");
    repo.git("switch", "-q", "milestone/m1");
    repo.git("merge", "-q", "main");
    expect((await repo.cli("claim", "m1", "T1", "--as", "carol")).code).toBe(0);
    expect((await repo.cli("release", "m1", "T1", "--as", "carol")).code).toBe(0);
    const released = await repo.cli("approve", "m1", "T1", "--as", "carol");
    expect(released.code).toBe(1);
    expect(released.err).toContain("cannot approve their own task");
    expect((await repo.cli("approve", "m1", "T1", "--as", "alice")).code).toBe(0);
  });
});

describe("approve after hold", () => {
  it("racing hold and approve 50 times never records an approval after a hold", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    repo.write(".kiro/specs/first/design.md", DESIGN);
    expect((await repo.cli("execute", "m1")).code).toBe(0);
    const context = (actor: string) =>
      openLocalContext({ cwd: repo.root, actor, session: `s-${actor}`, verbose: false, env: repo.env });
    const [alice, carol] = await Promise.all([context("alice"), context("carol")]);
    for (let round = 0; round < 50; round++) {
      const [a, c] = await Promise.all([MilestoneHandle.open(alice, "m1"), MilestoneHandle.open(carol, "m1")]);
      await Promise.allSettled([
        approve(alice, a, { taskId: "T1" }),
        setHold(carol, c, { taskId: "T1", hold: true, reason: "wait" }),
      ]);
      const reset = await MilestoneHandle.open(carol, "m1");
      await setHold(carol, reset, { taskId: "T1", hold: false });
      await cancelApproval(alice, await MilestoneHandle.open(alice, "m1"), { taskId: "T1" }).catch(() => undefined);
    }
    let held = false;
    for (const e of events(repo)) {
      if (e === "task_held T1") held = true;
      if (e === "task_unheld T1") held = false;
      expect(held && e === "phase_approved T1").toBe(false);
    }
    expect(events(repo).filter((e) => e === "task_held T1")).toHaveLength(50);
  }, 180_000);
});
