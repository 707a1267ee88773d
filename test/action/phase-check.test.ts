import { describe, expect, it } from "vitest";
import { sampleFiles } from "../helpers/sample-plan.js";
import { NAME, OWNER, setupApi } from "./api-setup.js";

describe("phase-check on pull requests into the milestone branch", () => {
  async function pullRequest(
    text: string | ((t1: number) => string),
    options: { author?: string; base?: string; files?: Record<string, string> } = {},
  ) {
    const env = setupApi(options.files ?? sampleFiles());
    await env.execute("m1");
    let body = typeof text === "string" ? text : "";
    if (typeof text === "function") {
      await env.syncNow("m1");
      body = text(env.repo().issues.find((i) => i.title === "T1: First task")!.number as number);
    }
    env.gh.commitFiles(OWNER, NAME, "work-t", { "src/x.ts": "export {};\n" }, "work");
    const sha = env.gh.resolve(OWNER, NAME, "work-t")!;
    const base = options.base ?? "milestone/m1";
    const number = env.gh.createPullRequest({ owner: OWNER, repo: NAME, head: "work-t", base, body });
    const event = {
      pull_request: {
        number,
        body,
        user: { login: options.author ?? "bob" },
        head: { sha, ref: "work-t", repo: { full_name: `${OWNER}/${NAME}` } },
        base: { ref: base },
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

  it("a re-run with the same verdict writes no second check run; a new verdict does", async () => {
    const { gh, run, checks } = await pullRequest("Second part.\n\nPhasegate-Task: m1/T2\n");
    await run();
    gh.resetLog();
    expect(await run()).toMatchObject({ ok: false, outputs: { conclusion: "failure" } });
    expect(checks()).toHaveLength(1);
    expect(gh.requests.filter((r) => r.write)).toEqual([]);
    expect(await run({ milestone: "m2" })).toMatchObject({ outputs: { conclusion: "neutral" } });
    expect(checks().map((c) => c.conclusion)).toEqual(["failure", "neutral"]);
  });

  it("a pull request that names no task gets a neutral check saying how to link one", async () => {
    const { run, checks } = await pullRequest("Just a fix.");
    const result = await run();
    expect(result).toMatchObject({ ok: true, outputs: { conclusion: "neutral" } });
    expect(checks()[0]?.output.summary).toContain("Phasegate-Task: <milestone>/<task>");
  });

  // Security round 3, item 1 and the lifecycle issue: one verdict for the App and the Action.
  it.each([
    ["an outsider's link", "Phasegate-Task: m1/T1\n", { author: "mallory" }, /`mallory`.*may not work on `m1\/T1`/],
    ["a link without an author", "Phasegate-Task: m1/T1\n", { author: "" }, /may not work on/],
    ["a link in an HTML comment", "Fix.\n<!--\nPhasegate-Task: m1/T1\n-->", {}, /names no task/],
    ["a link in <details>", "<details>\n\nPhasegate-Task: m1/T1\n\n</details>", {}, /names no task/],
    ["a task of another milestone", "Phasegate-Task: m2/T1\n", {}, /names `m2\/T1` but goes into `milestone\/m1`/],
    [
      "a pull request into main",
      "Phasegate-Task: m1/T1\n",
      { base: "main" },
      /goes into `main`, which is no milestone's branch/,
    ],
  ])("%s is not judged as the task's work", async (_, body, options, why) => {
    const files = {
      ...sampleFiles(),
      ".milestones/m2.yaml": sampleFiles()[".milestones/m1.yaml"]!.replace("id: m1", "id: m2"),
    };
    const { gh, run, checks } = await pullRequest(body, { ...options, files });
    const result = await run();
    expect(result).toMatchObject({ ok: true, outputs: { conclusion: "neutral" } });
    expect(checks()).toHaveLength(1);
    expect(checks()[0]?.output.summary).toMatch(why);
    expect(gh.violations).toEqual([]);
  });

  it("says per deliverable file what is missing, in validate's words", async () => {
    const { run, checks } = await pullRequest("Phasegate-Task: m1/T1\n");
    await run();
    expect(checks()[0]?.output.summary).toMatch(/- ❌ `[^`]+`\n {2}- missing: /);
  });
});
