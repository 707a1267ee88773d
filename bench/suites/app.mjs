// Bundles bench/app-entry.ts (the Probot App, core, GitHub adapter and the fake GitHub) and runs it.
import { importEntry } from "../lib/import-entry.mjs";
import { contentFloorMs } from "./github.mjs";

/** `/approve` end to end and a 200-task initial sync through continuations; deterministic counts. */
export async function benchApp(tasks = 200) {
  const { benchApp: run } = await importEntry("app-entry.ts");
  return run(tasks);
}

export function renderAppSection(r) {
  const { approve: a, sync: s } = r;
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
    `The same delivery again: ${a.redelivered.requests} request(s), ${a.redelivered.writes} writes (the reply is found).`,
    "",
    "What stands in the way of 10: the git data API needs three reads for the milestone branch and its log (ref, tree, blob) and three writes for one compare-and-swap commit (tree, commit, ref) plus one for the log's anchor (ADR 19), two for the plan on the default branch and one for the deliverable: 10 of the 18 are git. GraphQL (`createCommitOnBranch` with `expectedHeadOid`, and one query for the ref, the plan, the log and the deliverable) would make them 2 to 3, which the fake GitHub does not serve yet. The milestone's issue list is needed to render the dashboard's task references; the milestone's progress line changes with every completed phase.",
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
  ].join("\n");
}
