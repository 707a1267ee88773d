import { describe, expect, it } from "vitest";
import {
  continuePayload,
  createHarness,
  DESIGN,
  LOG_PATH,
  OWNER,
  planYaml,
  PLAN_PATH,
  pullPayload,
  pushPayload,
  REPO,
  reviewPayload,
  startT1,
  type Harness,
} from "./app-harness.js";
import { example } from "./webhook-examples.js";

async function twice(h: Harness, name: string, payload: Record<string, any>): Promise<number> {
  await h.deliver(name, structuredClone(payload));
  h.gh.resetLog();
  await h.deliver(name, structuredClone(payload));
  expect(h.gh.violations).toEqual([]);
  return h.gh.count({ write: true });
}

describe("delivering a webhook twice makes no writes the second time", () => {
  it.each(["push", "pull_request", "pull_request_review", "repository_dispatch"])("%s", async (name) => {
    const h = await createHarness();
    await startT1(h);
    const body = "Phasegate-Task: m1/T1";
    const payload =
      name === "push"
        ? pushPayload(
            h.gh.commitFiles(OWNER, REPO, "main", { [PLAN_PATH]: planYaml().replace("Second task", "Task two") }),
            [PLAN_PATH],
          )
        : name === "repository_dispatch"
          ? continuePayload("m1")
          : name === "pull_request"
            ? pullPayload(h, { head: "x", files: { [PLAN_PATH]: planYaml().replace("First", "1st") }, body }).payload
            : reviewPayload(
                {
                  number: pullPayload(h, {
                    head: "y",
                    base: "milestone/m1",
                    files: { ".kiro/specs/first/design.md": `${DESIGN}\nRevised.\n` },
                    body,
                  }).number,
                  body,
                },
                "alice",
                "approved",
              );
    expect(await twice(h, name, payload)).toBe(0);
  });
});

describe("the dashboard's request boxes", () => {
  it("a newly ticked “scan” runs the scan as the person who ticked it, and the dashboard is unticked", async () => {
    const h = await createHarness();
    await startT1(h);
    const sha = h.gh.resolve(OWNER, REPO, "milestone/m1")!;
    h.gh.setCheckState({ owner: OWNER, repo: REPO, ref: sha, name: "ci", conclusion: "failure" });
    const dashboard = h.gh.repo(OWNER, REPO).issues.find((i) => i.body.includes(" dashboard -->"))!;
    const from = dashboard.body as string;
    const ticked = from.replace("- [ ] <!-- phasegate:request=scan -->", "- [x] <!-- phasegate:request=scan -->");
    h.gh.repo(OWNER, REPO).raw.issues.get(dashboard.number)!.body = ticked;
    const payload = example("issues", "edited");
    payload.issue = { ...payload.issue, number: dashboard.number, body: ticked };
    payload.changes = { body: { from } };
    payload.sender = { ...payload.sender, login: "alice", type: "User" };
    await h.deliver("issues", payload);
    expect(h.gh.violations).toEqual([]);
    const log = h.gh.readFile(OWNER, REPO, "milestone/m1", LOG_PATH) ?? "";
    expect(log).toContain('"blockers_escalated"');
    const after = h.gh.repo(OWNER, REPO).issues.find((i) => i.number === dashboard.number)!;
    expect(after.body).toContain("- [ ] <!-- phasegate:request=scan -->");
  });
});
