import { replyMarker } from "../projection/markers.js";
import type { Clock, Tracker } from "../ports.js";

/**
 * What answering once needs: the tracker and the clock of the shell's context (the App's delivery, the
 * Action's API context both hold one as `ctx`).
 */
export interface ReplyScope {
  ctx: { tracker: Tracker; clock: Clock };
}

/**
 * How long a 👀 left by another delivery of the same comment stands for "being answered now". A
 * delivery answers within 10 s, so an older reaction without a reply is an attempt that died.
 */
export const CLAIM_FRESH_MS = 60_000;

/**
 * Whether comment `commentId` on `issue` was answered already: the reply carries `replyMarker`, so a
 * redelivered webhook (or a second replica) finds it and does nothing, not even a reaction. Replies
 * come after the comment, so one page of what changed since it (`createdAt`) is enough.
 */
export async function findReply(d: ReplyScope, issue: number, commentId: number, createdAt?: string): Promise<boolean> {
  const marker = replyMarker(commentId);
  const since = createdAt !== undefined ? { since: createdAt } : {};
  return (await d.ctx.tracker.listComments(issue, since)).some((c) => c.body.includes(marker));
}

/**
 * The 👀 reaction on the comment, at once ("seen, working on it"), which is also the claim to answer
 * it: GitHub creates a reaction once (201) and answers 200 with the same one after. False: another
 * delivery of this comment (a second replica, the same webhook twice at once) reacted less than
 * `CLAIM_FRESH_MS` ago and is answering it; this one must stay silent.
 */
export async function acknowledge(d: ReplyScope, commentId: number): Promise<boolean> {
  return (await claimComment(d, commentId)) !== "busy";
}

/**
 * The 👀 as `acknowledge` leaves it, telling apart `first` (this delivery created it: no delivery
 * saw the comment before, so no reply to it can exist, since a reply always follows the 👀), `again`
 * (it was there, long enough ago that its delivery died) and `busy` (another delivery is answering).
 */
export async function claimComment(d: ReplyScope, commentId: number): Promise<"first" | "again" | "busy"> {
  const result = await d.ctx.tracker.apply({ kind: "react", target: { comment: commentId }, content: "eyes" });
  if (result.kind !== "reaction" || result.created || result.createdAt === undefined) return "first";
  return d.ctx.clock.now().getTime() - Date.parse(result.createdAt) >= CLAIM_FRESH_MS ? "again" : "busy";
}

/** One reply to comment `commentId`, marked with it. The tracker finds it by the marker if a retry lost its response. */
export async function reply(d: ReplyScope, issue: number, commentId: number, body: string): Promise<void> {
  const marker = replyMarker(commentId);
  await d.ctx.tracker.apply({ kind: "create-comment", issue, marker, body: `${marker}\n${body}` });
}
