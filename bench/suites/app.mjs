// Bundles bench/app-entry.ts (the Probot App, core, GitHub adapter and the fake GitHub) and runs it.
import { importEntry } from "../lib/import-entry.mjs";
import { contentFloorMs } from "./github.mjs";

/** `/approve` end to end and a 200-task initial sync through continuations; deterministic counts. */
export async function benchApp(tasks = 200) {
  const { benchApp: run } = await importEntry("app-entry.ts");
  return run(tasks);
}

export function renderAppSection(r) {
  const { approve: a, sync: s, queued: qd } = r;
  const floor = contentFloorMs(s.writes);
  const min = (ms) => `${(ms / 60_000).toFixed(1)} min`;
  return [
    "## App",
    "",
    `\`npm run bench\` drives the Probot App (its real handlers, the core and the GitHub adapter) with recorded \`@octokit/webhooks-examples\` payloads against the project's fake GitHub, in its virtual time (${a.violations + s.violations} OpenAPI violations). Counts are deterministic; \`npx vitest run test/app/approve.test.ts\` prints the same \`/approve\` list.`,
    "",
    `### \`/approve\` end to end: ${a.requests} requests, ${a.writes} writes (target ≤ 10)`,
    "",
    "Plus the installation token on the first delivery of the hour (Probot caches it). In order:",
    "",
    ...a.list.map((l, i) => `${i + 1}. \`${l}\``),
    "",
    `The same delivery again: ${a.redelivered.requests} request(s), ${a.redelivered.writes} writes: the 👀 is there, made moments ago, so this delivery stays silent (a 👀 older than a minute without a reply would make it look the reply up and answer).`,
    "",
    "How (issue 16): the 👀 goes first, and when it is created now no delivery saw the comment before, so the reply lookup is skipped; one GraphQL query reads the plan and `.github/phasegate.yml` on the default branch together with the milestone branch's head, plan and log, the log's anchor with the anchored log's blob id and size (ADR 19: the step is refused when the log does not extend it, at no request of its own), and the commenter's permission (`collaborators(login:)`, ADR 30); the deliverable is one more query (with its folder's listing, so the next phase's files need none); the log step is one `createCommitOnBranch` with `expectedHeadOid` (GitHub's compare-and-swap) instead of tree, commit and ref update, then the anchor follows it. Before: 17 requests, 8 writes; 11 once the anchor write came (ADR 19), 10 since the permission is read in the query.",
    "",
    `### Initial sync of a ${s.tasks}-task plan through \`repository_dispatch\` continuations`,
    "",
    `Content-creation limit enforced (80 a minute, 500 an hour), 20 ms of latency per request, ${r.dispatchDelayMs} ms for GitHub to deliver a dispatch.`,
    "",
    "| what | value |",
    "|---|---:|",
    `| deliveries (push + continuations) | ${s.deliveries} |`,
    `| of which made no write (waiting out the limit) | ${s.idle} |`,
    `| longest delivery (virtual) | ${(s.longestMs / 1000).toFixed(2)} s (limit 10 s) |`,
    `| median delivery (virtual) | ${(s.medianMs / 1000).toFixed(2)} s |`,
    `| writes | ${s.writes} |`,
    `| secondary-limit 403s | ${s.limited} |`,
    `| total time | ${min(s.totalMs)} |`,
    `| floor (${s.writes} writes at 80/min, 500/hour) | ${min(floor)} |`,
    `| ratio | ${(s.totalMs / Math.max(floor, 1)).toFixed(2)}× (target ≤ 2×) |`,
    `| complete | ${s.complete ? "yes" : "no"} |`,
    "",
    `- Not all by itself: the \`repository_dispatch\` that continues a sync is a content-creating request too, so once a minute's (or the hour's) quota is spent GitHub refuses it; the App then logs it and stops (nothing is lost: the sync resumes from GitHub's state). ${s.resumed} of the ${s.deliveries} deliveries were such resumptions, sent here a minute after the App stopped, as the next event for the milestone, a ticked "sync" box or the scheduled sync workflow (\`docs/workflows/scan-and-sync.yml\`) does in real use (ADR 13). ${s.failed} deliveries ended in an error.`,
    "",
    ...renderQueued(qd, s.tasks),
  ].join("\n");
}

function renderQueued(q, tasks) {
  const min = (ms) => `${(ms / 60_000).toFixed(1)} min`;
  if (!q)
    return ["### The same sync through the Redis queue", "", "Not measured: `redis-server` is not installed.", ""];
  const floor = contentFloorMs(q.writes);
  return [
    `### The same sync through the Redis queue (\`REDIS_URL\`, ADR 21)`,
    "",
    `A real \`redis-server\` started by the benchmark, two App replicas taking BullMQ jobs; the push delivery of the ${tasks}-task plan, then nothing from outside. GitHub's time is virtual, BullMQ's real: a job the App delays (after a sync that only waited out the limit, 60 s) starts at once and moves the virtual clock by its delay.`,
    "",
    "| what | value |",
    "|---|---:|",
    `| continuations (BullMQ jobs) | ${q.jobs} |`,
    `| \`repository_dispatch\` writes | ${q.dispatches} |`,
    `| writes | ${q.writes} |`,
    `| secondary-limit 403s | ${q.limited} |`,
    `| total time (virtual) | ${min(q.totalMs)} |`,
    `| floor (${q.writes} writes at 80/min, 500/hour) | ${min(floor)} |`,
    `| complete without outside help | ${q.complete ? "yes" : "no"} |`,
    "",
    "The number of jobs and of 403s varies from run to run (the queue runs in real time, so how many rounds land on a spent minute's quota varies); the writes, the absence of dispatches and the end state do not.",
    "",
  ];
}
