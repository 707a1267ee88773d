/** Answering a comment once: the 👀 claim, the marked reply, and finding it on a redelivery. */
import { describe, expect, it } from "vitest";
import { replyMarker } from "../../../core/projection/markers.js";
import { acknowledge, CLAIM_FRESH_MS, claimComment, findReply, reply } from "../../../core/use-cases/reply-once.js";
import { memoryContext } from "../../helpers/memory/memory-context.js";

function scope() {
  const ctx = memoryContext({});
  ctx.tracker.now = () => ctx.clock.now().getTime();
  return { ctx };
}

describe("claimComment and acknowledge", () => {
  it.each([
    { case: "nobody reacted yet", before: undefined, claim: "first", acknowledged: true },
    { case: "another delivery reacted just now", before: 0, claim: "busy", acknowledged: false },
    { case: "another delivery reacted a moment ago", before: CLAIM_FRESH_MS - 1, claim: "busy", acknowledged: false },
    {
      case: "a delivery reacted long enough ago to have died",
      before: CLAIM_FRESH_MS,
      claim: "again",
      acknowledged: true,
    },
  ])("$case → $claim", async ({ before, claim, acknowledged }) => {
    const claimed = async (run: (d: ReturnType<typeof scope>) => Promise<unknown>) => {
      const d = scope();
      if (before !== undefined) {
        await claimComment(d, 42);
        d.ctx.clock.advance(before);
      }
      const result = await run(d);
      // One 👀 on the comment, however many deliveries claim it.
      expect(d.ctx.tracker.reactions).toEqual([
        expect.objectContaining({ target: JSON.stringify({ comment: 42 }), content: "eyes" }),
      ]);
      return result;
    };
    expect(await claimed((d) => claimComment(d, 42))).toBe(claim);
    expect(await claimed((d) => acknowledge(d, 42))).toBe(acknowledged);
  });

  it("claims of two comments do not meet", async () => {
    const d = scope();
    expect(await claimComment(d, 1)).toBe("first");
    expect(await claimComment(d, 2)).toBe("first");
  });
});

describe("reply and findReply", () => {
  it("a reply carries the comment's marker, and finds itself for that comment only", async () => {
    const d = scope();
    expect(await findReply(d, 7, 42)).toBe(false);
    await reply(d, 7, 42, "Approved.");
    const [posted] = await d.ctx.tracker.listComments(7);
    expect(posted?.body).toBe(`${replyMarker(42)}\nApproved.`);
    expect(await findReply(d, 7, 42)).toBe(true);
    expect(await findReply(d, 7, 43)).toBe(false);
    expect(await findReply(d, 8, 42)).toBe(false);
  });

  it.each([
    { case: "a reply made after the comment", commentedAgo: 1_000, found: true },
    { case: "a marked comment older than the comment (not its reply)", commentedAgo: -1_000, found: false },
  ])("reads only what changed since the comment: $case", async ({ commentedAgo, found }) => {
    const d = scope();
    await reply(d, 7, 42, "Done.");
    const commentedAt = new Date(d.ctx.clock.now().getTime() - commentedAgo).toISOString();
    expect(await findReply(d, 7, 42, commentedAt)).toBe(found);
  });
});
