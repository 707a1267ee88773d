/** What a plan push costs the App on GitHub: each read made once per delivery (ADR 36). */
import { describe, expect, it } from "vitest";
import { activate, MilestoneHandle } from "../../core/index.js";
import { createHarness, issueOf, OWNER, planYaml, PLAN_PATH, pushPayload, REPO, type Harness } from "./app-harness.js";

const queries = (h: Harness) => h.gh.requests.filter((r) => r.operation === "graphql/query").length;

function planCheck(h: Harness, sha: string) {
  return h.gh.repo(OWNER, REPO).checkRuns.filter((r) => r.name === "phasegate/plan" && r.head_sha === sha);
}

/** `title` for T2 in the plan on the default branch, pushed; the App hears the push. */
async function pushPlan(h: Harness, title: string): Promise<string> {
  const plan = planYaml().replace("Second task", title);
  const sha = h.gh.commitFiles(OWNER, REPO, "main", { [PLAN_PATH]: plan }, `T2: ${title}`);
  h.gh.resetLog();
  await h.deliver("push", pushPayload(sha, [PLAN_PATH]));
  expect(h.gh.violations).toEqual([]);
  return sha;
}

describe("a plan push: the phasegate/plan check, then the sync", () => {
  it("of an active milestone reads the pushed plan with the settings and the milestone branch in one query, the default branch in one more", async () => {
    const h = await createHarness();
    const ctx = h.core("bob");
    await activate(ctx, await MilestoneHandle.open(ctx, "m1"));
    await pushPlan(h, "Second task");
    const sha = await pushPlan(h, "Second task, renamed");
    expect(planCheck(h, sha).map((r) => r.conclusion)).toEqual(["success"]);
    expect(h.gh.repo(OWNER, REPO).issues.find((i) => i.number === issueOf(h, "T2"))?.title).toContain(
      "Second task, renamed",
    );
    // The check: the pushed commit's plan and settings with the milestone branch's plan, log and anchor
    // (the preview starts from its state); the sync: the default branch's plan and settings with the
    // milestone branch again, as a write needs it. 7 before ADR 36: the pushed plan read twice, the
    // settings alone, the milestone branch without its files, then its files, and the log by itself.
    expect(queries(h)).toBe(2);

    // The same delivery again: the check is there and the projection is current; nothing is written.
    const payload = pushPayload(sha, [PLAN_PATH]);
    h.gh.resetLog();
    await h.deliver("push", payload);
    expect(h.gh.requests.filter((r) => r.write)).toEqual([]);
    expect(planCheck(h, sha)).toHaveLength(1);
  });

  it("of a new plan: no milestone branch yet, each of the two commits read once with its files", async () => {
    const h = await createHarness({ "README.md": "x\n" });
    const sha = h.gh.commitFiles(OWNER, REPO, "main", { [PLAN_PATH]: planYaml() }, "Add the m1 plan");
    h.gh.resetLog();
    await h.deliver("push", pushPayload(sha, [PLAN_PATH]));
    expect(h.gh.violations).toEqual([]);
    expect(planCheck(h, sha).map((r) => r.conclusion)).toEqual(["success"]);
    expect(issueOf(h, "T2")).toBeGreaterThan(0);
    // The pushed commit with the (missing) milestone branch, then the default branch's head for the
    // check's preview; the same two for the sync. 9 before ADR 36.
    expect(queries(h)).toBe(4);
  });
});
