import { describe, expect, it } from "vitest";
import { commentPayload, createHarness, logEvents, OWNER, REPO, startT1, type Harness } from "./app-harness.js";

/**
 * Security round 3, item 3: one comment runs at most 10 commands, every reply fits GitHub's
 * 65,536-character limit, and the reply says what was done and what was skipped.
 */
const GITHUB_LIMIT = 65_536;
const logOf = (h: Harness) => logEvents(h).map((e) => e.event);
const replyTo = (h: Harness, id: number) =>
  h.gh.repo(OWNER, REPO).comments.find((c) => String(c.body).includes(`reply comment=${id} `))?.body as string;

describe("commands per comment and reply size", () => {
  it.each([
    ["an outsider's 3,000 unknown commands", "mallory", Array.from({ length: 3000 }, () => "/lgtm").join("\n")],
    ["an outsider's 3,000 /help", "mallory", Array.from({ length: 3000 }, () => "/help").join("\n")],
    ["an outsider's 3,000 /status", "mallory", Array.from({ length: 3000 }, () => "/status").join("\n")],
    [
      "ten 6,000-character rejections",
      "alice",
      Array.from({ length: 10 }, (_, i) => `/reject ${"x".repeat(6000)}${i}\n`).join("\n"),
    ],
    ["one 64,000-character command line", "alice", `/hold ${"y".repeat(64_000)}`],
    ["long lines to skip", "mallory", Array.from({ length: 40 }, () => `/lgtm ${"`z".repeat(800)}`).join("\n")],
  ])("%s: one reply under GitHub's limit that lists the skipped commands", async (_, who, body) => {
    const h = await createHarness();
    const t1 = await startT1(h);
    const payload = await commentPayload(h, t1, body, who);
    await h.deliver("issue_comment", payload);
    expect(h.gh.violations).toEqual([]);
    const reply = replyTo(h, payload.comment.id);
    expect(reply).toBeDefined();
    expect(reply.length).toBeLessThanOrEqual(GITHUB_LIMIT);
    const count = body.split("\n").filter((l) => l.startsWith("/")).length;
    if (count > 10) expect(reply).toContain(`Skipped ${count - 10} command(s): at most 10 run per comment.`);
  });

  it("a writer's 30 commands: the first 10 run, the rest are listed, nothing half-done", async () => {
    const h = await createHarness();
    const t1 = await startT1(h);
    const before = logOf(h).length;
    const lines = Array.from({ length: 15 }, (_, i) => [`/hold reason ${i}`, "/unhold"]).flat();
    const payload = await commentPayload(h, t1, lines.join("\n"), "carol");
    await h.deliver("issue_comment", payload);
    // An unhold lets the task advance (its design gets validated once): only the holds are counted here.
    const added = logOf(h)
      .slice(before)
      .filter((e) => e === "task_held" || e === "task_unheld");
    expect(added).toEqual(Array.from({ length: 5 }, () => ["task_held", "task_unheld"]).flat());
    const reply = replyTo(h, payload.comment.id);
    expect(reply.match(/^> \/(un)?hold/gm)).toHaveLength(10);
    expect(reply).toContain("Skipped 20 command(s)");
    expect(reply).toContain("- line 11: `/hold reason 5`");
  });

  it("a command that cannot finish stops the rest, and the reply says what was done and what was not", async () => {
    const h = await createHarness();
    const t1 = await startT1(h);
    const before = logOf(h).length;
    const payload = await commentPayload(h, t1, "/hold first\n/unhold\n/hold second", "carol");
    // GitHub asks to wait 10 minutes before the second log write: longer than a delivery may take.
    h.gh.inject({
      method: "POST",
      path: /^\/graphql$/,
      operation: "graphql/createCommitOnBranch",
      nth: 2,
      times: 50,
      secondaryLimit: { retryAfterSeconds: 600 },
    });
    await h.deliver("issue_comment", payload);
    expect(logOf(h).slice(before)).toEqual(["task_held"]);
    const reply = replyTo(h, payload.comment.id);
    expect(reply).toMatch(/> \/hold first\n\nDone:/);
    expect(reply).toMatch(/Stopped at line 2 \(`\/unhold`\)/);
  });
});

describe("a refusal quoting a long command", () => {
  it("cuts the quote, so the reply fits", async () => {
    const { renderRefusalComment } = await import("../../core/commands/render-comment-reply.js");
    const { CommandRefused } = await import("../../core/commands/command-refused.js");
    const body = renderRefusalComment(new CommandRefused("hold", "no"), `/hold ${"w".repeat(65_530)}`);
    expect(body.length).toBeLessThan(2_000);
  });
});
