// Bundles bench/github-entry.ts (the sync, the GitHub adapter and the fake GitHub) and runs it.
import { importEntry } from "../lib/import-entry.mjs";

/** Request counts and virtual time of syncs and a log append; deterministic, so one run is enough. */
export async function benchGitHub(tasks = 200) {
  const { benchGitHub: run } = await importEntry("github-entry.ts");
  return run(tasks);
}

/** The floor GitHub's content-creation limits set for `writes` writes: 80 a minute and 500 an hour. */
export function contentFloorMs(writes) {
  const hours = Math.floor((writes - 1) / 500);
  const inLastHour = writes - hours * 500;
  return hours * 3_600_000 + Math.floor((inLastHour - 1) / 80) * 60_000;
}

export function renderGitHubSection(r) {
  const floor = contentFloorMs(r.initial.writes);
  const min = (ms) => `${(ms / 60_000).toFixed(1)} min`;
  const rows = [
    ["initial sync", r.initial, `${r.initial.syncWrites} projection writes + 4 for the sync lease`],
    ["re-sync, nothing changed (first after the initial sync)", r.resync, "only the list pages are read in full"],
    [
      "re-sync, nothing changed (warm)",
      r.warm,
      "every REST read answers 304; the GraphQL read (plan and branch) cannot",
    ],
    ["one task renamed in the plan", r.rename, ""],
    [
      "one log append (`claim`, an engine step)",
      r.append,
      "one `createCommitOnBranch`, then the log's anchor (ADR 19)",
    ],
  ];
  return [
    "## GitHub: requests of the sync and of a log append",
    "",
    `\`npm run bench\` runs the real sync and GitHub adapter against the project's fake GitHub (every request checked against GitHub's OpenAPI description, GraphQL documents against its schema; ${r.violations} violations), in its virtual time with GitHub's content-creation limits enforced (80 a minute, 500 an hour). A ${r.tasks}-task milestone whose tasks form a tree (${r.tasks - 1} dependencies), activated. The counts and the virtual time are deterministic, so they come from one run.`,
    "",
    "| what | reads (not 304) | 304s | writes | virtual time | note |",
    "|---|---:|---:|---:|---:|---|",
    ...rows.map(
      ([what, c, note]) => `| ${what} | ${c.reads} | ${c.notModified} | ${c.writes} | ${min(c.ms)} | ${note} |`,
    ),
    "",
    `- Minimum writes of a first sync: labels (${r.labels}) + 1 milestone + ${r.tasks} issues + 1 dashboard + min(${r.tasks}, 100) sub-issue links + ${r.tasks - 1} "blocked by" links = ${r.labels + 1 + r.tasks + 1 + Math.min(r.tasks, 100) + r.tasks - 1}; measured ${r.initial.syncWrites}, plus 4 requests for the lease that keeps two syncs from creating the same issue.`,
    `- Reads of a first sync: GraphQL queries for the plan and settings on the default branch and for the milestone branch's head and log (one query when the branch is \`milestone/<id>\`; the sync through the CLI/Action asks for them apart) plus list pages; measured ${r.initial.reads}.`,
    `- Wall time of the initial sync under the content limits: ${min(r.initial.ms)} against a floor of ${min(floor)} for ${r.initial.writes} content-creating requests (${(r.initial.ms / Math.max(floor, 1)).toFixed(2)}×; target ≤ 2×). The fake answered ${r.initial.limited} requests with a secondary-limit 403: the adapter paces itself.`,
    "",
  ].join("\n");
}
