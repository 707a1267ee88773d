import { describe, expect, it } from "vitest";
import { activate, MilestoneHandle, sync, type Context } from "../../core/index.js";
import { bigPlanYaml } from "../helpers/big-plan.js";
import { createFakeGitHub, type FakeGitHub } from "../helpers/fake-github/index.js";
import { githubContext } from "../helpers/github-context.js";

const AT = { owner: "acme", repo: "rocket" };
const PLAN = ".milestones/big.yaml";

function setup(tasks: number, options: Parameters<typeof createFakeGitHub>[0] = {}): FakeGitHub {
  const gh = createFakeGitHub(options);
  gh.createRepo({ ...AT, files: { [PLAN]: bigPlanYaml(tasks) } });
  for (const user of ["alice", "bob", "carol"]) gh.setPermission(AT.owner, AT.repo, user, "write");
  return gh;
}

async function run(ctx: Context, options = {}) {
  return sync(ctx, await MilestoneHandle.open(ctx, "big"), options);
}

/** What a sync left on GitHub, in a form two runs can be compared by. */
function endState(gh: FakeGitHub) {
  const view = gh.repo(AT.owner, AT.repo);
  const issues = view.issues as {
    title: string;
    state: string;
    labels: { name: string }[];
    assignees: { login: string }[];
    parent_issue_url: string | null;
    issue_dependencies_summary?: { total_blocked_by: number };
  }[];
  return {
    milestones: (view.milestones as { title: string; state: string }[]).map((m) => [m.title, m.state]),
    labels: (view.labels as { name: string }[]).map((l) => l.name).sort(),
    issues: issues.map((i) => [
      i.title,
      i.state,
      i.labels.map((l) => l.name).sort(),
      i.assignees.map((a) => a.login),
      Boolean(i.parent_issue_url),
      i.issue_dependencies_summary?.total_blocked_by ?? 0,
    ]),
    comments: (view.comments as unknown[]).length,
  };
}

describe("sync against GitHub (the fake)", () => {
  it("projects a 200-task milestone with the minimum writes, and a second sync makes none", async () => {
    const gh = setup(200);
    const ctx = githubContext(gh, AT);
    await activate(ctx, await MilestoneHandle.open(ctx, "big"));
    gh.resetLog();
    const first = await run(ctx);
    // Reads: the default branch's tree and the plan; the milestone branch's ref, tree and log; then list pages.
    const pages = 1 + 2 + 1; // milestones, issues (2 pages of 100), labels
    expect(gh.count({ write: false })).toBeLessThanOrEqual(5 + pages);
    const state = endState(gh);
    expect(state.milestones).toEqual([["A big milestone", "open"]]);
    expect(state.issues).toHaveLength(201);
    expect(state.issues.filter((i) => i[4])).toHaveLength(100);
    expect(state.issues.reduce((n, i) => n + Number(i[5]), 0)).toBe(199);
    expect(state.issues[0]).toEqual(["T1: Task number 1", "open", ["phase: design", "phasegate"], ["carol"], true, 0]);
    const labels = state.labels.length;
    // labels + milestone + 200 issues + dashboard + 100 sub-issue links + 199 blocked-by links,
    // + 4 for the sync lease (tree, commit, ref; deleting the ref).
    expect(first.writes).toHaveLength(labels + 1 + 200 + 1 + 100 + 199);
    expect(gh.count({ write: true })).toBe(first.writes.length + 4);
    expect(gh.violations).toEqual([]);

    gh.resetLog();
    const again = await run(ctx);
    expect(again.writes).toEqual([]);
    expect(gh.count({ write: true })).toBe(0);
    // Everything but the list pages and the one GraphQL read (the plan with the milestone branch's
    // head and log: GraphQL has no conditional requests) answers 304: the lists changed since they were last read (the
    // first sync wrote after reading them). Milestones 1, issues 3 (201 issues), labels 1.
    const fresh = () => gh.count({ write: false }) - gh.count({ status: 304 });
    expect(fresh()).toBeLessThanOrEqual(5 + 1);
    gh.resetLog();
    expect((await run(ctx)).writes).toEqual([]);
    expect(fresh()).toBe(1); // warm: all 304 but the GraphQL read

    gh.commitFiles(AT.owner, AT.repo, "main", {
      [PLAN]: bigPlanYaml(200, { title: (i) => (i === 7 ? "Renamed" : `Task number ${i}`) }),
    });
    gh.resetLog();
    const renamed = await run(ctx);
    expect(renamed.writes).toHaveLength(1);
    expect(gh.count({ write: true })).toBe(1);
  });

  it("a 500, a secondary limit or a lost response at any call of a sync converges to the same end state", async () => {
    const clean = setup(4);
    await run(githubContext(clean, AT));
    const expected = endState(clean);
    const calls = clean.requests.length;
    for (const effect of [
      { status: 502 as const },
      { secondaryLimit: { retryAfterSeconds: 30 } },
      { lostResponse: true as const },
    ]) {
      for (let nth = 1; nth <= calls; nth++) {
        const gh = setup(4);
        gh.inject({ ...effect, nth });
        const ctx = githubContext(gh, AT);
        await run(ctx).catch(() => undefined);
        const report = await run(ctx);
        expect(report.busy ?? false, `${JSON.stringify(effect)} at request ${nth}`).toBe(false);
        expect(endState(gh), `${JSON.stringify(effect)} at request ${nth}`).toEqual(expected);
        expect(gh.violations).toEqual([]);
      }
    }
  }, 180_000);

  it("a task issue moved out of the milestone by hand is found and moved back, not created again", async () => {
    const gh = setup(3);
    const ctx = githubContext(gh, AT);
    await run(ctx);
    const t2 = (gh.repo(AT.owner, AT.repo).issues as { number: number; title: string }[]).find((i) =>
      i.title.startsWith("T2:"),
    )!;
    await ctx.ports.client.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
      ...AT,
      issue_number: t2.number,
      milestone: null,
    });
    await run(ctx);
    const issues = gh.repo(AT.owner, AT.repo).issues as { title: string; milestone: { number: number } | null }[];
    expect(issues.filter((i) => i.title.startsWith("T2:"))).toHaveLength(1);
    expect(issues.find((i) => i.title.startsWith("T2:"))?.milestone).not.toBeNull();
    expect(gh.violations).toEqual([]);
  });

  it("two syncs racing end with no duplicates", async () => {
    const gh = setup(20);
    const [a, b] = [githubContext(gh, AT, "alice"), githubContext(gh, AT, "bob")];
    await Promise.all([run(a), run(b)]);
    await run(a);
    const titles = endState(gh).issues.map((i) => i[0]);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles).toHaveLength(21);
  });
});
