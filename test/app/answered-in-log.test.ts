import { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";
import {
  commentPayload,
  createHarness,
  DESIGN,
  OWNER,
  pullPayload,
  REPO,
  reviewPayload,
  startT1,
  type Harness,
  logEvents,
} from "./app-harness.js";

/**
 * Security round 3, item 4: a redelivered webhook whose reply was deleted must not carry out its
 * commands again; the log (each event carries the comment's or review's id) says they were done.
 */
const log = logEvents;
const replies = (h: Harness, id: number) =>
  h.gh.repo(OWNER, REPO).comments.filter((c) => String(c.body).includes(`reply comment=${id} `));

/** Someone deletes Phasegate's reply; later (the 👀 is stale by then) the webhook is redelivered. */
async function forget(h: Harness, id: number) {
  const as = new Octokit({ auth: h.gh.tokenFor("alice"), request: { fetch: h.gh.fetch } });
  for (const c of replies(h, id)) await as.rest.issues.deleteComment({ owner: OWNER, repo: REPO, comment_id: c.id });
  expect(replies(h, id)).toEqual([]);
  h.gh.advance(5 * 60_000);
}

describe("a redelivered comment is not carried out twice", () => {
  it.each([
    ["/hold and /unhold", "/hold legal\n/unhold", ["task_held", "task_unheld"]],
    ["/unhold after /hold", "/hold a\n/unhold\n/hold b", ["task_held", "task_unheld", "task_held"]],
    ["a rejection", "/reject needs work", ["phase_rejected"]],
    ["a claim", "/claim 2h", ["task_claimed"]],
    ["a status among writes", "/status\n/hold x", ["task_held"]],
  ])("%s", async (_, body, events) => {
    const h = await createHarness();
    const t1 = await startT1(h);
    const before = log(h).length;
    const payload = await commentPayload(h, t1, body, "alice");
    await h.deliver("issue_comment", structuredClone(payload));
    const after = log(h).slice(before);
    expect(after.map((e) => e.event)).toEqual(expect.arrayContaining(events));
    for (const e of after) expect(e.details.comment_id).toBe(payload.comment.id);
    await forget(h, payload.comment.id);
    await h.deliver("issue_comment", structuredClone(payload));
    expect(log(h).slice(before)).toEqual(after);
    const [again] = replies(h, payload.comment.id);
    expect(again?.body).toContain("Already done when this comment was first answered.");
  });

  it("a review redelivered after its reply was deleted approves once", async () => {
    const h = await createHarness();
    await startT1(h);
    const body = "Phasegate-Task: m1/T1";
    const files = { ".kiro/specs/first/design.md": `${DESIGN}\nRevised.\n` };
    const { number, sha } = pullPayload(h, { head: "w", base: "milestone/m1", files, body });
    const payload = reviewPayload({ number, body, sha }, "alice", "changes_requested", "Redo it");
    await h.deliver("pull_request_review", structuredClone(payload));
    const first = log(h).filter((e) => e.event === "phase_rejected");
    expect(first).toHaveLength(1);
    expect(first[0]?.details.review_id).toBe(payload.review.id);
    await forget(h, payload.review.id);
    await h.deliver("pull_request_review", structuredClone(payload));
    expect(log(h).filter((e) => e.event === "phase_rejected")).toHaveLength(1);
  });
});
