import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { continuationId, type Continuation, type ContinuationQueue } from "../../app/continuation-queue.js";
import { redisContinuations } from "../../app/redis-continuations.js";
import { bigPlanYaml } from "../helpers/big-plan.js";
import { redisSkipReason, startRedisServer, type RedisServer } from "../helpers/redis-server.js";
import { createAppInstance } from "./app-instance.js";
import { createHarness, OWNER, pushPayload, REPO, type Harness } from "./app-harness.js";

const PLAN = ".milestones/big.yaml";
const TASKS = 60;
const skip = redisSkipReason();
if (skip) console.warn(`continue-in-queue.test.ts: ${skip}`);

/** Every task issue, the dashboard, the sub-issues and the "blocked by" links are on GitHub. */
function synced(h: Harness): boolean {
  const issues = h.gh.repo(OWNER, REPO).issues as {
    body?: string;
    parent_issue_url?: string | null;
    issue_dependencies_summary?: { total_blocked_by: number };
  }[];
  const tasks = issues.filter((i) => / task=T\d+ -->/.test(i.body ?? ""));
  const links = tasks.reduce((n, i) => n + (i.issue_dependencies_summary?.total_blocked_by ?? 0), 0);
  return (
    tasks.length === TASKS &&
    tasks.filter((i) => i.parent_issue_url).length === TASKS &&
    links === TASKS - 1 &&
    issues.filter((i) => (i.body ?? "").includes(" dashboard -->")).length === 1
  );
}

async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The queue of one replica, recording each continuation it runs. */
function observed(queue: ContinuationQueue, replica: string, runs: { replica: string; id: string }[]) {
  return {
    add: (c: Continuation, delayMs: number) => queue.add(c, delayMs),
    start: (run: (c: Continuation) => Promise<void>) =>
      queue.start(async (c) => {
        runs.push({ replica, id: continuationId(c) });
        await run(c);
      }),
    close: () => queue.close(),
  } satisfies ContinuationQueue;
}

describe.skipIf(skip !== undefined)("long syncs continue through BullMQ on a real redis-server", () => {
  let redis: RedisServer;
  const queues: ContinuationQueue[] = [];
  const open = (prefix: string) => {
    const q = redisContinuations(redis.url, { prefix });
    queues.push(q);
    return q;
  };
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    for (const q of queues) await q.close();
    await redis?.stop();
  });

  it("a sync out of its budget finishes through the queue with no dispatch; two replicas run each continuation once", async () => {
    const runs: { replica: string; id: string }[] = [];
    // A small budget: the push's sync stops after a few dozen writes, and so does every round.
    const h = await createHarness({ [PLAN]: bigPlanYaml(TASKS) }, { syncBudgetMs: 600 }, 20);
    const deps = (replica: string) => ({
      ...h.deps,
      continuations: observed(open("two-replicas"), replica, runs),
    });
    const a = await createAppInstance(h.gh, deps("a"));
    await createAppInstance(h.gh, deps("b"));
    const head = h.gh.resolve(OWNER, REPO, "main")!;
    await a.deliver("push", pushPayload(head, [PLAN]));
    expect(synced(h)).toBe(false); // the push alone did not finish
    await until(() => synced(h), 60_000);
    // The last round found nothing left to do and queued nothing more.
    await new Promise((r) => setTimeout(r, 300));
    const settled = runs.length;
    await new Promise((r) => setTimeout(r, 500));
    expect(runs).toHaveLength(settled);

    expect(h.gh.dispatches).toEqual([]);
    expect(runs.length).toBeGreaterThan(2);
    const ids = runs.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length); // no continuation ran twice
    expect(ids).toEqual(ids.map((_, i) => `continue/2/${OWNER}/${REPO}/big/${i + 1}`));
    const issues = h.gh.repo(OWNER, REPO).issues;
    expect(new Set(issues.map((i) => i.title)).size).toBe(issues.length); // no issue created twice
    expect(h.gh.violations).toEqual([]);
    const by = (replica: string) => runs.filter((r) => r.replica === replica).length;
    console.log(
      `${TASKS}-task sync through the queue: ${runs.length} continuations (a: ${by("a")}, b: ${by("b")}), 0 dispatches`,
    );
  }, 90_000);

  it("the same continuation queued by two replicas runs once", async () => {
    const runs: { replica: string; id: string }[] = [];
    const slow = async () => void (await new Promise((r) => setTimeout(r, 100)));
    const c: Continuation = { installationId: 7, owner: OWNER, repo: REPO, milestone: "m1", round: 1 };
    const a = observed(open("same-twice"), "a", runs);
    const b = observed(open("same-twice"), "b", runs);
    await a.add(c, 200);
    await b.add(c, 200);
    await b.add({ ...c, round: 2 }, 200);
    a.start(slow);
    b.start(slow);
    await until(() => runs.length >= 2, 10_000);
    await new Promise((r) => setTimeout(r, 800));
    expect(runs.map((r) => r.id).sort()).toEqual([
      `continue/7/${OWNER}/${REPO}/m1/1`,
      `continue/7/${OWNER}/${REPO}/m1/2`,
    ]);
  }, 20_000);
});

describe("a queue out of reach", () => {
  it("falls back to the repository_dispatch, losing nothing", async () => {
    const down: ContinuationQueue = {
      add: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:1")),
      start: () => undefined,
      close: async () => undefined,
    };
    const h = await createHarness({ [PLAN]: bigPlanYaml(TASKS) }, { syncBudgetMs: 600, continuations: down }, 20);
    await h.deliver("push", pushPayload(h.gh.resolve(OWNER, REPO, "main")!, [PLAN]));
    expect(h.gh.dispatches).toEqual([
      expect.objectContaining({ event_type: "phasegate-continue", client_payload: { milestone: "big" } }),
    ]);
  });
});
