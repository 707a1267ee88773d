/**
 * A sync that stopped at its budget, to be taken up again (ADR 13, ADR 21). It names only where the
 * milestone is; everything else is read again from GitHub when it runs.
 */
export interface Continuation {
  installationId: number;
  owner: string;
  repo: string;
  defaultBranch?: string;
  milestone: string;
  /** 1 for the first continuation after an event, n + 1 for the one a continuation schedules. */
  round: number;
}

/**
 * Where continuations wait when the deployment has a durable queue (`REDIS_URL`): no
 * `repository_dispatch` write per continuation. Without one the App sends itself a dispatch.
 */
export interface ContinuationQueue {
  /** Schedule `c` to run after `delayMs`; the same continuation added twice runs once. Throws when the queue is out of reach. */
  add(c: Continuation, delayMs: number): Promise<void>;
  /** Take continuations from the queue and run each with `run`, one at a time in this process. */
  start(run: (c: Continuation) => Promise<void>): void;
  /** Stop taking continuations (the one running finishes) and close the connections. */
  close(): Promise<void>;
}

/** The queue's key of a continuation: equal for the same round of the same milestone. */
export function continuationId(c: Continuation): string {
  return ["continue", c.installationId, c.owner, c.repo, c.milestone, c.round].join("/");
}

/** A continuation as read back from the queue, or undefined when it is not one (never trusted blindly). */
export function parseContinuation(data: unknown): Continuation | undefined {
  const d = data as Partial<Continuation> | null;
  if (!d || typeof d !== "object") return undefined;
  const ok =
    Number.isInteger(d.installationId) &&
    typeof d.owner === "string" &&
    typeof d.repo === "string" &&
    typeof d.milestone === "string" &&
    Number.isInteger(d.round) &&
    (d.defaultBranch === undefined || typeof d.defaultBranch === "string");
  return ok ? (d as Continuation) : undefined;
}
