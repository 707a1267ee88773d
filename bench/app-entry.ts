// The App benchmark, bundled on the fly by bench/suites/app.mjs: the Probot App (real handlers, core
// and GitHub adapter) driven with recorded webhook payloads against the project's fake GitHub, in its
// virtual time. Deterministic: one run is enough.
import type { Continuation, ContinuationQueue } from "../app/continuation-queue.js";
import { redisContinuations } from "../app/redis-continuations.js";
import { bigPlanYaml } from "../test/helpers/big-plan.js";
import { hasRedisServer, startRedisServer } from "../test/helpers/redis-server.js";
import {
  commentPayload,
  continuePayload,
  createHarness,
  OWNER,
  pushPayload,
  REPO,
  startT1,
} from "../test/app/app-harness.js";
import { createAppInstance } from "../test/app/app-instance.js";

const TOKEN = "apps/create-installation-access-token";
const PLAN = ".milestones/big.yaml";
/** How long GitHub takes to deliver the `repository_dispatch` the App sends itself (virtual ms). */
export const DISPATCH_DELAY_MS = 1_000;
/**
 * When a delivery fails (its own continuation refused by the secondary limit), nothing continues by
 * itself: the benchmark then redelivers the continuation a minute later, as a person (or a scheduled
 * "sync" tick) would, and counts it.
 */
export const RESUME_AFTER_MS = 60_000;

/** `/approve` on a task issue, end to end, then the same delivery again. */
async function approve() {
  const h = await createHarness();
  const t1 = await startT1(h);
  const payload = await commentPayload(h, t1, "/approve", "alice");
  h.gh.resetLog();
  await h.deliver("issue_comment", structuredClone(payload));
  const requests = h.gh.requests.filter((r) => r.operation !== TOKEN);
  const list = requests.map((r) => `${r.method} ${r.operation}`);
  const writes = requests.filter((r) => r.write).length;
  h.gh.resetLog();
  await h.deliver("issue_comment", structuredClone(payload));
  const again = h.gh.requests.filter((r) => r.operation !== TOKEN);
  return {
    requests: requests.length,
    writes,
    list,
    redelivered: { requests: again.length, writes: again.filter((r) => r.write).length },
    violations: h.gh.violations.length,
  };
}

/** A `tasks`-task plan pushed to the default branch: the push, then every continuation until done. */
async function initialSync(tasks: number) {
  const h = await createHarness({ [PLAN]: bigPlanYaml(tasks) }, {}, 20, { perMinute: 80, perHour: 500 });
  const head = h.gh.resolve(OWNER, REPO, "main")!;
  const started = h.gh.now();
  const deliveries: { ms: number; writes: number }[] = [];
  let writes = 0;
  let limited = 0;
  let failed = 0;
  let lastError: unknown;
  const run = async (name: string, payload: Record<string, any>): Promise<boolean> => {
    h.gh.resetLog();
    const before = h.gh.now();
    const ok = await h.deliver(name, payload).then(
      () => true,
      (error: unknown) => ((lastError = error), false),
    );
    if (!ok) failed++;
    if (!ok && process.env.BENCH_DEBUG) console.error(lastError);
    const made = h.gh.requests.filter((r) => r.write && r.status < 400 && r.operation !== TOKEN).length;
    limited += h.gh.count({ status: 403 });
    writes += made;
    deliveries.push({ ms: h.gh.now() - before, writes: made });
    return ok;
  };
  // Done: every task issue, the dashboard, its sub-issues and every "blocked by" link are there.
  const done = () => {
    const all = h.gh.repo(OWNER, REPO).issues as {
      body?: string;
      parent_issue_url?: string | null;
      issue_dependencies_summary?: { total_blocked_by: number };
    }[];
    const tasksDone = all.filter((i) => / task=T\d+ -->/.test(i.body ?? ""));
    const children = tasksDone.filter((i) => i.parent_issue_url).length;
    const links = tasksDone.reduce((n, i) => n + (i.issue_dependencies_summary?.total_blocked_by ?? 0), 0);
    return tasksDone.length === tasks && children === Math.min(tasks, 100) && links === tasks - 1;
  };
  let ok = await run("push", pushPayload(head, [PLAN]));
  let resumed = 0;
  for (let sent = 0, guard = 0; guard < 20_000; guard++) {
    const dispatched = h.gh.dispatches.length > sent;
    sent = h.gh.dispatches.length;
    if (!dispatched && done()) break; // the last sync completed
    h.gh.advance(dispatched ? DISPATCH_DELAY_MS : RESUME_AFTER_MS);
    if (!dispatched) resumed++;
    ok = await run("repository_dispatch", continuePayload("big"));
  }
  void ok;
  const issues = h.gh.repo(OWNER, REPO).issues;
  const complete = issues.filter((i) => / task=T\d+ -->/.test(i.body ?? "")).length === tasks;
  return {
    tasks,
    complete,
    totalMs: h.gh.now() - started,
    writes,
    limited,
    failed,
    resumed,
    deliveries: deliveries.length,
    idle: deliveries.filter((d) => d.writes === 0).length,
    longestMs: Math.max(...deliveries.map((d) => d.ms)),
    medianMs: [...deliveries.map((d) => d.ms)].sort((a, b) => a - b)[Math.floor(deliveries.length / 2)]!,
    violations: h.gh.violations.length,
  };
}

/**
 * The same initial sync with the App on Redis (ADR 21): continuations go through BullMQ on a real
 * `redis-server`, two replicas take them. GitHub's time is virtual and BullMQ's is real, so a job the
 * App delays (after a sync that only waited out the limit) is queued at once and the virtual clock
 * moves by that delay when it starts. Undefined when `redis-server` is not installed.
 */
async function initialSyncQueued(tasks: number) {
  if (!hasRedisServer()) return undefined;
  const redis = await startRedisServer();
  const queues: ContinuationQueue[] = [];
  try {
    let jobs = 0;
    const h = await createHarness({ [PLAN]: bigPlanYaml(tasks) }, {}, 20, { perMinute: 80, perHour: 500 });
    const virtual = (queue: ContinuationQueue): ContinuationQueue => {
      const delays = new Map<string, number>();
      const key = (c: Continuation) => `${c.milestone}/${c.round}`;
      queues.push(queue);
      return {
        add: (c, delayMs) => (delays.set(key(c), delayMs), queue.add(c, 0)),
        start: (run) =>
          queue.start(async (c) => {
            jobs++;
            h.gh.advance(delays.get(key(c)) ?? 0);
            await run(c);
          }),
        close: () => queue.close(),
      };
    };
    const replica = () => virtual(redisContinuations(redis.url, { prefix: "bench" }));
    const a = await createAppInstance(h.gh, { ...h.deps, continuations: replica() });
    await createAppInstance(h.gh, { ...h.deps, continuations: replica() });
    const started = h.gh.now();
    h.gh.resetLog();
    await a.deliver("push", pushPayload(h.gh.resolve(OWNER, REPO, "main")!, [PLAN]));
    const done = () =>
      h.gh.repo(OWNER, REPO).issues.filter((i) => / task=T\d+ -->/.test(i.body ?? "")).length === tasks &&
      h.gh
        .repo(OWNER, REPO)
        .issues.reduce((n, i) => n + ((i as any).issue_dependencies_summary?.total_blocked_by ?? 0), 0) ===
        tasks - 1;
    const deadline = Date.now() + 15 * 60_000;
    let quiet = 0;
    // Done, and no job started for a second (the last round found nothing left and queued nothing).
    for (let seen = -1; Date.now() < deadline && quiet < 20;) {
      await new Promise((r) => setTimeout(r, 50));
      quiet = done() && jobs === seen ? quiet + 1 : 0;
      seen = jobs;
    }
    const writes = h.gh.requests.filter((r) => r.write && r.status < 400 && r.operation !== TOKEN).length;
    return {
      complete: done(),
      jobs,
      writes,
      dispatches: h.gh.dispatches.length,
      limited: h.gh.count({ status: 403 }),
      totalMs: h.gh.now() - started,
      violations: h.gh.violations.length,
    };
  } finally {
    for (const q of queues) await q.close();
    await redis.stop();
  }
}

/** Every figure of the App's performance targets (issues 7 and 16). */
export async function benchApp(tasks: number) {
  return {
    approve: await approve(),
    sync: await initialSync(tasks),
    queued: await initialSyncQueued(tasks),
    dispatchDelayMs: DISPATCH_DELAY_MS,
  };
}
