// The App benchmark, bundled on the fly by bench/suites/app.mjs: the Probot App (real handlers, core
// and GitHub adapter) driven with recorded webhook payloads against the project's fake GitHub, in its
// virtual time. Deterministic: one run is enough.
import { bigPlanYaml } from "../test/helpers/big-plan.js";
import {
  commentPayload,
  continuePayload,
  createHarness,
  OWNER,
  pushPayload,
  REPO,
  startT1,
} from "../test/app/app-harness.js";

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

/** Every figure of the App's performance targets (issue 7). */
export async function benchApp(tasks: number) {
  return { approve: await approve(), sync: await initialSync(tasks), dispatchDelayMs: DISPATCH_DELAY_MS };
}
