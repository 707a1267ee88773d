import { describe, expect, it } from "vitest";
import {
  commentPayload,
  createHarness,
  DESIGN,
  OWNER,
  planYaml,
  PLAN_PATH,
  pullPayload,
  REPO,
  reviewPayload,
  startT1,
  type Harness,
  logEvents,
} from "./app-harness.js";

/**
 * Security round 3, item 1: an outsider's pull request must not be able to borrow an approver's
 * routine review (or comment) to approve or reject a task it is not the work of.
 */
const logOf = (h: Harness) => logEvents(h).map((e) => e.event);
const repliesOn = (h: Harness, number: number) =>
  h.gh
    .repo(OWNER, REPO)
    .comments.filter((c) => c.issue_url.endsWith(`/issues/${number}`))
    .map((c) => c.body as string);
const WORK = { ".kiro/specs/first/design.md": `${DESIGN}\nRevised.\n` };
const M2 = planYaml().replace("id: m1", "id: m2");

interface Variant {
  author: string;
  body: (t1: number) => string;
  base?: string;
  files?: Record<string, string>;
  /** The reply says this; undefined: the App stays silent. */
  says?: RegExp;
}

const VARIANTS: [string, Variant][] = [
  [
    "an outsider's trailer",
    { author: "mallory", body: () => "Phasegate-Task: m1/T1", says: /`mallory`.*may not work on `m1\/T1`/ },
  ],
  ["an outsider's closing keyword", { author: "mallory", body: (t1) => `Fixes #${t1}`, says: /may not work on/ }],
  [
    "an outsider's lower-case trailer",
    { author: "mallory", body: () => "phasegate-task: m1/T1", says: /may not work on/ },
  ],
  ["a trailer in an HTML comment", { author: "bob", body: () => "Docs.\n<!-- Phasegate-Task: m1/T1 -->" }],
  ["a closing keyword in an HTML comment", { author: "bob", body: (t1) => `<!--\nCloses #${t1}\n-->` }],
  ["a trailer in <details>", { author: "bob", body: () => "<details>\n\nPhasegate-Task: m1/T1\n\n</details>" }],
  ["a trailer in <pre>", { author: "bob", body: () => "<pre>\nPhasegate-Task: m1/T1\n</pre>" }],
  ["a trailer in a quote", { author: "bob", body: () => "> Phasegate-Task: m1/T1" }],
  ["a trailer in a code span", { author: "bob", body: () => "`Phasegate-Task: m1/T1`" }],
  [
    "a pull request that does not carry the phase's deliverables",
    {
      author: "bob",
      body: () => "Phasegate-Task: m1/T1",
      files: { "notes.md": "x" },
      says: /changes none of the design deliverables of T1/,
    },
  ],
  [
    "a pull request into m1's branch naming m2's task",
    { author: "bob", body: () => "Phasegate-Task: m2/T1", says: /names `m2\/T1` but goes into `milestone\/m1`/ },
  ],
  [
    "a pull request into the default branch",
    {
      author: "bob",
      body: () => "Phasegate-Task: m1/T1",
      base: "main",
      says: /goes into `main`, which is no milestone's branch/,
    },
  ],
  ["a task that does not exist", { author: "bob", body: () => "Phasegate-Task: m1/T9", says: /has no task `T9`/ }],
];

async function open(h: Harness, t1: number, v: Variant, head: string) {
  const body = v.body(t1);
  const base = v.base ?? "milestone/m1";
  const { number, sha } = pullPayload(h, { head, base, files: v.files ?? WORK, body, user: v.author });
  return { number, sha, body, base };
}

describe("a review approves only the task whose work the pull request is", () => {
  it.each(VARIANTS)("%s: an approver's review changes nothing", async (_, v) => {
    const h = await createHarness({ [PLAN_PATH]: planYaml(), ".milestones/m2.yaml": M2 });
    const t1 = await startT1(h);
    const before = logOf(h);
    const pr = await open(h, t1, v, "work");
    for (const state of ["approved", "changes_requested"] as const)
      await h.deliver("pull_request_review", reviewPayload({ ...pr, user: v.author }, "alice", state, "No."));
    expect(logOf(h)).toEqual(before);
    const replies = repliesOn(h, pr.number);
    if (v.says) {
      expect(replies).toHaveLength(2);
      for (const r of replies) expect(r.replace(/\n/g, " ")).toMatch(v.says);
      for (const r of replies) expect(r).toContain("Nothing was changed.");
    } else expect(replies).toEqual([]);
    expect(h.gh.violations).toEqual([]);
  });

  it.each(VARIANTS.filter(([, v]) => v.says && !v.base && !v.files))(
    "%s: the phase check is not the task's success",
    async (_, v) => {
      const h = await createHarness({ [PLAN_PATH]: planYaml(), ".milestones/m2.yaml": M2 });
      const t1 = await startT1(h);
      const body = v.body(t1);
      const { payload, sha } = pullPayload(h, {
        head: "w",
        base: "milestone/m1",
        files: v.files ?? WORK,
        body,
        user: v.author,
      });
      await h.deliver("pull_request", payload);
      const run = h.gh.repo(OWNER, REPO).checkRuns.find((r) => r.name === "phasegate/phase" && r.head_sha === sha);
      if (v.files) expect(run?.conclusion).toBe("success");
      else expect(run).toMatchObject({ conclusion: "neutral" });
    },
  );

  it("an assignee without write access may link their pull request, and the review approves that task and phase", async () => {
    const h = await createHarness({ [PLAN_PATH]: planYaml().replace("assignees: [bob]", "assignees: [bob, mallory]") });
    const t1 = await startT1(h);
    const pr = await open(h, t1, { author: "mallory", body: () => "Phasegate-Task: m1/T1" }, "work");
    await h.deliver("pull_request_review", reviewPayload({ ...pr, user: "mallory" }, "alice", "approved"));
    expect(logOf(h)).toContain("phase_approved");
    expect(repliesOn(h, pr.number)[0]).toContain(`Approving review of #${pr.number} for m1/T1, phase design`);
  });

  it.each([
    ["`/approve`", "/approve"],
    ["`/reject`", "/reject no"],
    ["`/hold`", "/hold"],
  ])("%s on an outsider's linked pull request runs nothing and says why", async (_, command) => {
    const h = await createHarness();
    const t1 = await startT1(h);
    const before = logOf(h);
    const pr = await open(h, t1, { author: "mallory", body: () => "Phasegate-Task: m1/T1" }, "work");
    await h.deliver("issue_comment", await commentPayload(h, pr.number, command, "alice", { pull: true }));
    expect(logOf(h)).toEqual(before);
    const reply = repliesOn(h, pr.number).find((b) => b.includes("phasegate:reply"));
    expect(reply).toMatch(/may not work on `m1\/T1`[\s\S]*Nothing was changed/);
  });
});

describe("a link to a milestone that cannot be read", () => {
  it.each([["an unknown milestone", "Phasegate-Task: m9/T1", /Cannot judge|names `m9\/T1`, but/]])(
    "%s: the review is answered with the reason, nothing changes",
    async (_, body, says) => {
      const h = await createHarness();
      await startT1(h);
      const before = logOf(h);
      const { number, sha } = pullPayload(h, { head: "w", base: "milestone/m1", files: WORK, body });
      await h.deliver("pull_request_review", reviewPayload({ number, body, sha }, "alice", "approved"));
      expect(logOf(h)).toEqual(before);
      expect(repliesOn(h, number).join("\n")).toMatch(says);
    },
  );
});
