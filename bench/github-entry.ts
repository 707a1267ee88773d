// The GitHub benchmark, bundled on the fly by bench/suites/github.mjs: the real sync and the real
// GitHub adapter against the project's fake GitHub, counting requests, in the fake's virtual time
// with GitHub's content-creation limits (80 a minute, 500 an hour) enforced.
import { activate, claim, MilestoneHandle, sync } from "../core/index.js";
import { bigPlanYaml } from "../test/helpers/big-plan.js";
import { createFakeGitHub, type FakeGitHub } from "../test/helpers/fake-github/index.js";
import { githubContext } from "../test/helpers/github-context.js";

const AT = { owner: "acme", repo: "rocket" };
const PLAN = ".milestones/big.yaml";

interface Counts {
  reads: number;
  notModified: number;
  writes: number;
  ms: number;
}

function measure(gh: FakeGitHub, started: number): Counts {
  return {
    reads: gh.count({ write: false }) - gh.count({ status: 304 }),
    notModified: gh.count({ status: 304 }),
    writes: gh.count({ write: true }),
    ms: gh.now() - started,
  };
}

/** Every figure the GitHub issues ask for, for a milestone of `tasks` tasks. */
export async function benchGitHub(tasks: number) {
  const gh = createFakeGitHub({ contentLimit: { perMinute: 80, perHour: 500 } });
  gh.createRepo({ ...AT, files: { [PLAN]: bigPlanYaml(tasks) } });
  for (const user of ["alice", "bob", "carol"]) gh.setPermission(AT.owner, AT.repo, user, "write");
  const ctx = githubContext(gh, AT);
  const open = () => MilestoneHandle.open(ctx, "big");
  await activate(ctx, await open());

  gh.resetLog();
  let started = gh.now();
  const first = await sync(ctx, await open());
  const initial = { ...measure(gh, started), syncWrites: first.writes.length, limited: gh.count({ status: 403 }) };
  const labels = gh.repo(AT.owner, AT.repo).labels.length;

  gh.resetLog();
  started = gh.now();
  await sync(ctx, await open());
  const resync = measure(gh, started);
  gh.resetLog();
  started = gh.now();
  await sync(ctx, await open());
  const warm = measure(gh, started);

  gh.commitFiles(AT.owner, AT.repo, "main", {
    [PLAN]: bigPlanYaml(tasks, { title: (i) => (i === 7 ? "Renamed" : `Task number ${i}`) }),
  });
  gh.resetLog();
  started = gh.now();
  await sync(ctx, await open());
  const rename = measure(gh, started);

  const handle = await open();
  gh.resetLog();
  started = gh.now();
  await claim({ ...ctx, actor: "bob" }, handle, { taskId: "T1" });
  const append = measure(gh, started);

  return { tasks, labels, initial, resync, warm, rename, append, violations: gh.violations.length };
}
