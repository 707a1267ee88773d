import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { commentPayload, planYaml, PLAN_PATH, type Harness } from "../app/app-harness.js";
import { NAME, OWNER, setupApi } from "./api-setup.js";

/** The harness's plan (T1 then T2, alice approves), T1 owning src/auth/**. */
const PLAN = planYaml().replace("    assignees: [bob]\n", "    assignees: [bob]\n    paths: [src/auth/**]\n");

/** m1 active (T1 in design), a pull request from \`head\` into main with \`files\`, and its event. */
async function pullIntoMain(files: Record<string, string>, options: { fork?: boolean; base?: string } = {}) {
  const api = setupApi({ [PLAN_PATH]: PLAN });
  api.gh.setPermission(OWNER, NAME, "dana", "maintain");
  await api.execute("m1", "alice");
  const sha = api.gh.commitFiles(OWNER, NAME, "feature", files, "Work");
  const base = options.base ?? "main";
  const number = api.gh.createPullRequest({ owner: OWNER, repo: NAME, head: "feature", base, user: "eve" });
  const full_name = options.fork ? `eve/${NAME}` : `${OWNER}/${NAME}`;
  const event = {
    pull_request: {
      number,
      body: "",
      user: { login: "eve" },
      head: { sha, ref: "feature", repo: { full_name, fork: options.fork ?? false } },
      base: { ref: base },
    },
    repository: { full_name: `${OWNER}/${NAME}`, default_branch: "main" },
  };
  const eventName = options.fork ? "pull_request_target" : "pull_request";
  const run = () => api.run({ command: "gate" }, { event, env: { GITHUB_EVENT_NAME: eventName } });
  const gates = () => api.repo().checkRuns.filter((c) => c.name === "phasegate/gate" && c.head_sha === sha);
  return { ...api, runWith: api.run, run, gates, sha, number };
}

describe("gate on pull requests into the default branch", () => {
  it("fails the job with the summary while the task's Task gate is closed; a re-run writes nothing", async () => {
    const api = await pullIntoMain({ "src/auth/login.ts": "x\n" });
    const result = await api.run();
    expect(result).toMatchObject({ ok: false, outputs: { conclusion: "failure" } });
    expect(result.summary).toContain("`m1/T1` (in design): its `task` gate has not passed");
    expect(api.gates()).toEqual([
      expect.objectContaining({ conclusion: "failure", output: expect.objectContaining({ title: "Held by m1/T1" }) }),
    ]);
    api.gh.resetLog();
    await api.run();
    expect(api.gh.count({ write: true })).toBe(0);
    expect(api.gh.violations).toEqual([]);
  });

  it("passes a change no task owns", async () => {
    const api = await pullIntoMain({ "README.md": "hi\n" });
    expect(await api.run()).toMatchObject({ ok: true, outputs: { conclusion: "success" } });
  });

  it("judges a fork's pull request under pull_request_target from API reads, on its head commit", async () => {
    const api = await pullIntoMain({ "src/auth/evil.ts": "steal()\n" }, { fork: true });
    const result = await api.run();
    expect(result).toMatchObject({ ok: false, outputs: { conclusion: "failure" } });
    expect(api.gates()).toHaveLength(1);
    expect(api.gh.violations).toEqual([]);
  });

  it("skips a pull request into another branch", async () => {
    const api = await pullIntoMain({ "src/auth/a.ts": "a\n" }, { base: "milestone/m1" });
    expect(await api.run()).toMatchObject({ ok: true, outputs: { conclusion: "skipped" } });
    expect(api.gates()).toEqual([]);
  });

  it("a maintainer's /override-gate from the comment workflow passes the head and is in the log", async () => {
    const api = await pullIntoMain({ "src/auth/fix.ts": "fix\n" });
    await api.run();
    const payload = await commentPayload(
      { gh: api.gh } as unknown as Harness,
      api.number,
      "/override-gate outage",
      "dana",
      {
        pull: true,
      },
    );
    payload.repository = { ...payload.repository, full_name: `${OWNER}/${NAME}`, default_branch: "main" };
    const env = { GITHUB_EVENT_NAME: "issue_comment", GITHUB_ACTOR: "dana" };
    expect((await api.runWith({ command: "comment" }, { event: payload, env })).ok).toBe(true);
    expect(api.log("m1").at(-1)).toMatchObject({ event: "gate_overridden", actor: "dana" });
    expect(api.gates().at(-1)).toMatchObject({ conclusion: "success" });
    // The same command again in a new comment: nothing more in the log, and the head already has this run.
    const runs = api.gates().length;
    const again = await commentPayload(
      { gh: api.gh } as unknown as Harness,
      api.number,
      "/override-gate still down",
      "dana",
      { pull: true },
    );
    again.repository = payload.repository;
    expect((await api.runWith({ command: "comment" }, { event: again, env })).ok).toBe(true);
    expect(api.log("m1").filter((e) => e.event === "gate_overridden")).toHaveLength(1);
    expect(api.gates()).toHaveLength(runs);
    expect(await api.run()).toMatchObject({ ok: true, outputs: { conclusion: "success" } });
    expect(api.gates()).toHaveLength(runs);
    expect(api.gh.violations).toEqual([]);
  });
});

describe("docs/workflows/merge-gate.yml", () => {
  const workflow = parse(readFileSync(resolve(import.meta.dirname, "../../docs/workflows/merge-gate.yml"), "utf8")) as {
    on: Record<string, { branches?: string[] }>;
    permissions: Record<string, string>;
    jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }>;
  };
  const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);

  it("runs gate under pull_request_target into the default branch, checks nothing out, may write the check run", () => {
    expect(workflow.on.pull_request_target?.branches).toEqual(["main"]);
    expect(steps.map((s) => s.with?.command).filter(Boolean)).toEqual(["gate"]);
    expect(steps.some((s) => s.uses?.startsWith("actions/checkout"))).toBe(false);
    expect(workflow.permissions).toMatchObject({ checks: "write", contents: "read" });
  });
});
