import { describe, expect, it } from "vitest";
import { bigPlanYaml } from "../helpers/big-plan.js";
import { continuePayload, createHarness, OWNER, pushPayload, REPO } from "./app-harness.js";

const PLAN = ".milestones/big.yaml";

describe("a 200-task plan pushed to the default branch", () => {
  it("syncs in deliveries under the budget, continuing through repository_dispatch to the full end state", async () => {
    const h = await createHarness({ [PLAN]: bigPlanYaml(200) }, {}, 20);
    const head = h.gh.resolve(OWNER, REPO, "main")!;
    const started = h.gh.now();
    await h.deliver("push", pushPayload(head, [PLAN]));
    expect(h.gh.now() - started).toBeLessThan(10_000);
    expect(h.gh.repo(OWNER, REPO).checkRuns).toEqual([
      expect.objectContaining({ name: "phasegate/plan", conclusion: "success", head_sha: head }),
    ]);
    expect(h.gh.dispatches).toHaveLength(1);
    expect(h.gh.dispatches[0]).toMatchObject({
      event_type: "phasegate-continue",
      client_payload: { milestone: "big" },
    });

    let longest = 0;
    for (let i = 1; i < 200 && h.gh.dispatches.length === i; i++) {
      const before = h.gh.now();
      await h.deliver("repository_dispatch", continuePayload("big"));
      longest = Math.max(longest, h.gh.now() - before);
    }
    expect(longest).toBeLessThan(10_000);
    expect(h.gh.violations).toEqual([]);
    const issues = h.gh.repo(OWNER, REPO).issues;
    const tasks = issues.filter((i) => / task=T\d+ -->/.test(i.body ?? ""));
    expect(tasks).toHaveLength(200);
    expect(new Set(tasks.map((i) => i.title)).size).toBe(200);
    expect(issues.filter((i) => (i.body ?? "").includes(" dashboard -->"))).toHaveLength(1);
    expect(h.gh.repo(OWNER, REPO).milestones).toHaveLength(1);

    // Done: one more continuation (a stray redelivery) makes no writes and sends no more.
    const sent = h.gh.dispatches.length;
    h.gh.resetLog();
    await h.deliver("repository_dispatch", continuePayload("big"));
    expect(h.gh.count({ write: true })).toBe(0);
    expect(h.gh.dispatches).toHaveLength(sent);
    console.log(`200-task sync: ${sent} deliveries, longest ${longest} virtual ms`);
  });
});
