import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import { continuationId, parseContinuation, type Continuation, type ContinuationQueue } from "./continuation-queue.js";

/** The BullMQ queue every replica of the App shares on one Redis. */
export const QUEUE_NAME = "phasegate-continue";

export interface RedisContinuationOptions {
  /** Key prefix in Redis (BullMQ's default is `bull`); tests give each run its own. */
  prefix?: string;
  /** Log a continuation that failed for good (after its attempts). */
  warn?: (message: string) => void;
}

/**
 * Continuations in a BullMQ queue on the deployment's Redis (`REDIS_URL`, the one Probot throttles
 * through): a job per continuation, its id the milestone and round, so the same continuation added by
 * two deliveries is one job and one worker (of any replica) runs it. A replica that dies mid-job
 * leaves it stalled; BullMQ hands it to another worker, and the sync is idempotent (ADR 21).
 */
export function redisContinuations(url: string, options: RedisContinuationOptions = {}): ContinuationQueue {
  // BullMQ's blocking worker connection must retry for ever; commands of the queue fail fast instead.
  const connections: Redis[] = [];
  const connect = (blocking: boolean) => {
    const redis = new Redis(url, { maxRetriesPerRequest: blocking ? null : 1 });
    connections.push(redis);
    return redis;
  };
  const prefix = options.prefix ?? "bull";
  const queue = new Queue(QUEUE_NAME, { connection: connect(false), prefix });
  let worker: Worker | undefined;
  return {
    async add(c, delayMs) {
      await queue.add("continue", c, {
        jobId: continuationId(c),
        delay: Math.max(0, Math.round(delayMs)),
        attempts: 3,
        backoff: { type: "exponential", delay: 5_000 },
        removeOnComplete: true,
        removeOnFail: true,
      });
    },
    start(run) {
      if (worker) throw new Error("the continuation worker is already running");
      worker = new Worker(
        QUEUE_NAME,
        async (job) => {
          const c = parseContinuation(job.data);
          if (c) await run(c);
          else options.warn?.(`ignored a malformed continuation job ${job.id}`);
        },
        { connection: connect(true), prefix, concurrency: 1 },
      );
      worker.on("failed", (job, error) => options.warn?.(`continuation ${job?.id ?? "?"} failed: ${error.message}`));
      // Errors of the connection are retried by ioredis; without a listener Node would throw them.
      worker.on("error", (error) => options.warn?.(`continuation worker: ${error.message}`));
    },
    async close() {
      await worker?.close();
      await queue.close();
      // Connections handed to BullMQ are the caller's to close.
      await Promise.all(connections.map((r) => r.quit().catch(() => r.disconnect())));
    },
  };
}

export type { Continuation };
