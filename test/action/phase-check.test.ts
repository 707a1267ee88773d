import { describe, expect, it } from "vitest";
import { sampleFiles } from "../helpers/sample-plan.js";
import { NAME, OWNER, setupApi } from "./api-setup.js";

describe("phase-check on pull requests into the milestone branch", () => {
  async function pullRequest(text: string | ((t1: number) => string)) {
    const env = setupApi(sampleFiles());
    await env.execute("m1");
    let body = typeof text === "string" ? text : "";
    if (typeof text === "function") {
      await env.syncNow("m1");
      body = text(env.repo().issues.find((i) => i.title === "T1: First task")!.number as number);
    }
    env.gh.commitFiles(OWNER, NAME, "work-t", { "src/x.ts": "export {};\n" }, "work");
    const sha = env.gh.resolve(OWNER, NAME, "work-t")!;
    const number = env.gh.createPullRequest({ owner: OWNER, repo: NAME, head: "work-t", base: "milestone/m1", body });
    const event = {
      pull_request: {
        number,
        body,
        head: { sha, ref: "work-t", repo: { full_name: `${OWNER}/${NAME}` } },
        base: { ref: "milestone/m1" },
      },
      repository: { default_branch: "main" },
    };
    const run = (inputs: Record<string, string> = {}) =>
      env.run({ command: "phase-check", ...inputs }, { event, env: { GITHUB_EVENT_NAME: "pull_request" } });
    const checks = () => env.repo().checkRuns.filter((c) => c.name === "phasegate/phase" && c.head_sha === sha);
    return { ...env, run, checks, sha };
  }

  it("a task whose dependencies are open fails, as a check run on the head", async () => {
    const { gh, run, checks } = await pullRequest("Second part.\n\nPhasegate-Task: m1/T2\n");
    const result = await run();
    expect(result).toMatchObject({ ok: false, outputs: { conclusion: "failure", task: "m1/T2" } });
    expect(checks()).toEqual([
      expect.objectContaining({
        conclusion: "failure",
        output: expect.objectContaining({ title: "T2 depends on T1" }),
      }),
    ]);
    expect(gh.violations).toEqual([]);
  });

  it("links by a closing keyword to the task's issue, and checks the current phase's deliverables at the head", async () => {
    const { gh, run, checks } = await pullRequest((t1) => `Fixes #${t1}\n`);
    const result = await run();
    expect(result.outputs.task).toBe("m1/T1");
    expect(checks()).toHaveLength(1);
    expect(checks()[0]?.output.summary).toMatch(
      /Task `T1` of milestone `m1`[\s\S]*Phase `\w+`[\s\S]*Linked by `closes #\d+`/,
    );
    expect(gh.violations).toEqual([]);
  });

  it("a pull request that names no task gets a neutral check saying how to link one", async () => {
    const { run, checks } = await pullRequest("Just a fix.");
    const result = await run();
    expect(result).toMatchObject({ ok: true, outputs: { conclusion: "neutral" } });
    expect(checks()[0]?.output.summary).toContain("Phasegate-Task: <milestone>/<task>");
  });
});
