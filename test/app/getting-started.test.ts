/** The App's first sync of a milestone posts one "getting started" comment on the dashboard it creates. */
import { describe, expect, it } from "vitest";
import { MilestoneHandle, sync } from "../../core/index.js";
import { createHarness, OWNER, planYaml, PLAN_PATH, pushPayload, REPO } from "./app-harness.js";

describe("getting started", () => {
  it("the first sync comments the next steps on the new dashboard, once, even when the push is redelivered", async () => {
    const h = await createHarness({ "README.md": "x\n" });
    const sha = h.gh.commitFiles(OWNER, REPO, "main", { [PLAN_PATH]: planYaml() }, "Add the m1 plan");
    const payload = pushPayload(sha, [PLAN_PATH]);
    await h.deliver("push", structuredClone(payload));
    expect(h.gh.violations).toEqual([]);
    const view = () => h.gh.repo(OWNER, REPO);
    const dashboard = view().issues.find((i) => i.body.includes("<!-- phasegate:milestone=m1 dashboard -->"))!;
    expect(dashboard).toBeDefined();
    const welcome = () =>
      view().comments.filter((c) => c.body.includes("<!-- phasegate:getting-started milestone=m1 -->"));
    expect(welcome()).toHaveLength(1);
    const [comment] = welcome();
    expect(comment!.issue_url).toMatch(new RegExp(`/issues/${dashboard.number}$`));
    for (const command of ["/activate", "/claim", "/approve", "/status", "/help", "phasegate status m1"])
      expect(comment!.body).toContain(command);
    expect(comment!.body).toContain("`milestone/m1`");

    await h.deliver("push", structuredClone(payload));
    expect(h.gh.violations).toEqual([]);
    expect(welcome()).toHaveLength(1);
  });

  it("a sync without gettingStarted (phasegate sync: no comment commands may be there) posts none", async () => {
    const h = await createHarness();
    const ctx = h.core("alice");
    const report = await sync(ctx, await MilestoneHandle.open(ctx, "m1"));
    expect(report.writes.some((w) => w.kind === "create-issue")).toBe(true);
    expect(h.gh.repo(OWNER, REPO).comments).toEqual([]);
  });
});
