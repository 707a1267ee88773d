import { afterEach, describe, expect, it } from "vitest";
import { createGitHubPorts } from "../../github/index.js";
import { NAME, OWNER, setupGitHub } from "./github-setup.js";

let env = setupGitHub();
afterEach(() => expect(env.gh.violations).toEqual([]));

function ports() {
  env = setupGitHub({ "README.md": "# Rocket\n" });
  env.gh.commitFiles(OWNER, NAME, "milestone/m1", { "a.txt": "a\n" });
  return createGitHubPorts({ octokit: env.octokit(), owner: OWNER, repo: NAME, clock: env.clock });
}

describe("GitHubForge", () => {
  it("reads permissions through the API: role names, none, unknown users", async () => {
    const { forge } = ports();
    env.gh.setPermission(OWNER, NAME, "ada", "maintain");
    env.gh.setPermission(OWNER, NAME, "bob", "triage");
    env.gh.addUser("eve");
    expect(await forge.getPermission("ada")).toBe("maintain");
    expect(await forge.getPermission("bob")).toBe("triage");
    expect(await forge.getPermission("eve")).toBe("none");
    expect(await forge.getPermission("ghost")).toBe("none");
  });

  it("reads the checks of the work under Phasegate's own step commits, which start no CI", async () => {
    const { ci } = ports();
    env.gh.setCheckState({ owner: OWNER, repo: NAME, ref: "milestone/m1", name: "ci", conclusion: "failure" });
    env.gh.commitFiles(
      OWNER,
      NAME,
      "milestone/m1",
      { ".milestones/logs/m1.jsonl": "{}\n" },
      "phasegate(m1): blockers_escalated",
    );
    env.gh.commitFiles(
      OWNER,
      NAME,
      "milestone/m1",
      { ".milestones/logs/m1.jsonl": "{}\n{}\n" },
      "phasegate(m1): session_saved",
    );
    expect(await ci.checkState("milestone/m1")).toEqual({ state: "failure", summary: "failing: ci" });
    // Work on top without checks yet: nothing is known about it.
    env.gh.commitFiles(OWNER, NAME, "milestone/m1", { "b.txt": "b\n" }, "more work");
    expect((await ci.checkState("milestone/m1")).state).toBe("unknown");
  });

  it("checks team membership", async () => {
    const { forge } = ports();
    env.gh.addTeamMember("acme", "leads", "ada");
    expect(await forge.isTeamMember("@acme/leads", "ada")).toBe(true);
    expect(await forge.isTeamMember("acme/leads", "bob")).toBe(false);
  });

  it("folds statuses and check runs of the branch head, ignoring phasegate/*", async () => {
    const { ci } = ports();
    const at = { owner: OWNER, repo: NAME, ref: "milestone/m1" };
    expect((await ci.checkState("milestone/m1")).state).toBe("unknown");
    env.gh.setCheckState({ ...at, name: "phasegate/phase", conclusion: "failure" });
    env.gh.setCheckState({ ...at, name: "ci" });
    expect(await ci.checkState("milestone/m1")).toEqual({ state: "success", summary: "1 checks passed" });
    env.gh.setStatus({ ...at, context: "lint", state: "pending" });
    expect((await ci.checkState("milestone/m1")).state).toBe("pending");
    env.gh.setCheckState({ ...at, name: "test", conclusion: "failure" });
    expect(await ci.checkState("milestone/m1")).toEqual({ state: "failure", summary: "failing: test" });
    expect((await ci.checkState("no-such-branch")).state).toBe("unknown");
  });

  it("reports open pull requests into the branch that cannot merge", async () => {
    const { forge } = ports();
    env.gh.commitFiles(OWNER, NAME, "t1", { "b.txt": "b\n" });
    env.gh.commitFiles(OWNER, NAME, "t2", { "c.txt": "c\n" });
    const bad = env.gh.createPullRequest({
      owner: OWNER,
      repo: NAME,
      head: "t1",
      base: "milestone/m1",
      mergeable: false,
    });
    env.gh.createPullRequest({ owner: OWNER, repo: NAME, head: "t2", base: "milestone/m1", mergeable: true });
    env.gh.createPullRequest({ owner: OWNER, repo: NAME, head: "t2", base: "main", mergeable: false });
    expect(await forge.findConflicts("milestone/m1")).toEqual({ items: [`#${bad}`], summary: `conflicts in #${bad}` });
  });
});
