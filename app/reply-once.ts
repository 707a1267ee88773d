import { replyMarker } from "../core/index.js";
import type { Delivery } from "./open-delivery.js";

/**
 * Whether comment `commentId` on `issue` was answered already: the reply carries `replyMarker`, so a
 * redelivered webhook (or a second replica) finds it and does nothing, not even a reaction.
 */
export async function findReply(d: Delivery, issue: number, commentId: number): Promise<boolean> {
  const marker = replyMarker(commentId);
  return (await d.ctx.tracker.listComments(issue)).some((c) => c.body.includes(marker));
}

/** The 👀 reaction on the comment, at once: "seen, working on it". */
export async function acknowledge(d: Delivery, commentId: number): Promise<void> {
  await d.ctx.tracker.apply({ kind: "react", target: { comment: commentId }, content: "eyes" });
}

/** One reply to comment `commentId`, marked with it. The tracker finds it by the marker if a retry lost its response. */
export async function reply(d: Delivery, issue: number, commentId: number, body: string): Promise<void> {
  const marker = replyMarker(commentId);
  await d.ctx.tracker.apply({ kind: "create-comment", issue, marker, body: `${marker}\n${body}` });
}
