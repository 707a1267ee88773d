/** The factory: a stateful fake of GitHub's REST API behind a `fetch` function. */
import { createContentLimiter, type ContentLimit } from "./content-limit.js";
import { createFaultTable, type Fault } from "./faults.js";
import { handleRequest, type Engine } from "./handle-request.js";
import { openPull } from "./pulls.js";
import { viewRepo, type RepoView } from "./repo-view.js";
import { commitFilesTo, type CommitFile, createRepoState, getRepoState, readFileAt, seedCtx } from "./seed.js";
import { createWorld, ensureUser, iso, nextId, type Dispatch, type Role, type World } from "./state.js";
import { findCommit } from "./git-resolve.js";
import { applyCheckInput } from "./checks.js";
import { newIssue, applyIssueInput } from "./issues.js";

export interface FakeGitHubOptions {
  /** Virtual clock start (default 2025-01-01T00:00:00Z). */
  start?: number | string | Date;
  /** Login that unknown tokens authenticate as (default `phasegate[bot]`). */
  actor?: string;
  /** App slug; installation tokens authenticate as `<slug>[bot]` (default `phasegate`). */
  appSlug?: string;
  /** The App's installation id (default 2, as in Probot's docs). */
  installationId?: number;
  /** Enforce the secondary limit on content-creating requests, in virtual time. */
  contentLimit?: ContentLimit;
  /** Virtual ms the clock advances on every request (default 0). */
  latencyMs?: number;
}

export interface SeedRepo {
  owner: string;
  repo: string;
  defaultBranch?: string;
  files?: Record<string, string>;
  private?: boolean;
}

export interface SeedPullRequest {
  owner: string;
  repo: string;
  head: string;
  base?: string;
  title?: string;
  body?: string;
  user?: string;
  draft?: boolean;
  mergeable?: boolean | null;
}

export interface SeedIssue {
  owner: string;
  repo: string;
  title: string;
  body?: string;
  user?: string;
  labels?: string[];
  state?: "open" | "closed";
}

export interface SeedCheck {
  owner: string;
  repo: string;
  /** Branch, tag or sha; the check lands on the commit it names now. */
  ref: string;
  name?: string;
  conclusion?: "success" | "failure" | "neutral" | "cancelled" | "timed_out" | "action_required" | "skipped";
  status?: "queued" | "in_progress" | "completed";
}

export interface SeedStatus {
  owner: string;
  repo: string;
  ref: string;
  context?: string;
  state: "error" | "failure" | "pending" | "success";
}

export function createFakeGitHub(options: FakeGitHubOptions = {}) {
  const world: World = createWorld({
    start: options.start === undefined ? Date.parse("2025-01-01T00:00:00Z") : new Date(options.start).getTime(),
    actor: options.actor ?? "phasegate[bot]",
    appSlug: options.appSlug ?? "phasegate",
    installationId: options.installationId ?? 2,
  });
  const engine: Engine = {
    world,
    faults: createFaultTable(),
    limiter: options.contentLimit && createContentLimiter(options.contentLimit),
    log: [],
    violations: [],
    latencyMs: options.latencyMs ?? 0,
  };
  const repoOf = (owner: string, repo: string) => getRepoState(world, owner, repo);

  const fetch: typeof globalThis.fetch = async (input, init) =>
    handleRequest(engine, input instanceof Request && !init ? input : new Request(input, init));

  return {
    fetch,
    world,
    /** Contract violations (wrong path or body); tests assert it stays empty. */
    violations: engine.violations,
    requests: engine.log,
    dispatches: world.dispatches as readonly Dispatch[],
    count(filter: { write?: boolean; status?: number; method?: string; operation?: string } = {}): number {
      return engine.log.filter(
        (r) =>
          (filter.write === undefined || r.write === filter.write) &&
          (filter.status === undefined || r.status === filter.status) &&
          (filter.method === undefined || r.method === filter.method.toUpperCase()) &&
          (filter.operation === undefined || r.operation === filter.operation),
      ).length;
    },
    resetLog(): void {
      engine.log.length = 0;
    },
    now: (): number => world.clock.ms,
    advance(ms: number): number {
      world.clock.ms += ms;
      return world.clock.ms;
    },
    inject(fault: Fault): void {
      engine.faults.add(fault);
    },
    pendingFaults: (): Fault[] => engine.faults.pending(),
    /** A token that authenticates as `login` (for `new Octokit({ auth })`). */
    tokenFor(login: string): string {
      ensureUser(world, login);
      const token = `ghu_fake_${login}`;
      world.tokens.set(token, login);
      return token;
    },
    addUser: (login: string): void => void ensureUser(world, login),
    createRepo(seed: SeedRepo): { head: string } {
      const branch = seed.defaultBranch ?? "main";
      const repo = createRepoState(world, seed.owner, seed.repo, branch, seed.private ?? false);
      return { head: commitFilesTo(world, repo, branch, seed.files ?? {}, "Initial commit") };
    },
    setPermission(owner: string, repo: string, login: string, role: Role): void {
      ensureUser(world, login);
      repoOf(owner, repo).permissions.set(login.toLowerCase(), role);
    },
    addTeamMember(org: string, teamSlug: string, login: string): void {
      ensureUser(world, login);
      const key = `${org}/${teamSlug}`.toLowerCase();
      world.teams.set(key, (world.teams.get(key) ?? new Set()).add(login.toLowerCase()));
    },
    repo: (owner: string, repo: string): RepoView => viewRepo(world, repoOf(owner, repo)),
    readFile: (owner: string, repo: string, ref: string, path: string): string | undefined =>
      readFileAt(repoOf(owner, repo), ref, path),
    /** Pushes a commit as another writer would (null deletes a file, `{ symlink }` links); returns its sha. */
    commitFiles: (
      owner: string,
      repo: string,
      branch: string,
      files: Record<string, CommitFile>,
      message = "Update files",
    ): string => commitFilesTo(world, repoOf(owner, repo), branch, files, message),
    /** The commit sha a branch, tag or sha names, or undefined. */
    resolve: (owner: string, repo: string, ref: string): string | undefined =>
      findCommit(repoOf(owner, repo), ref)?.sha,
    createIssue(seed: SeedIssue): number {
      const repo = repoOf(seed.owner, seed.repo);
      const ctx = seedCtx(world, seed.owner, seed.repo, seed.user ?? world.actor);
      const issue = newIssue(ctx, repo, ctx.actor.login, seed.title);
      applyIssueInput(ctx, repo, issue, { body: seed.body, labels: seed.labels, state: seed.state });
      return issue.number;
    },
    createPullRequest(seed: SeedPullRequest): number {
      const repo = repoOf(seed.owner, seed.repo);
      const ctx = seedCtx(world, seed.owner, seed.repo, seed.user ?? "octocat");
      const issue = openPull(ctx, repo, ctx.actor.login, {
        title: seed.title ?? seed.head,
        head: seed.head,
        base: seed.base ?? repo.defaultBranch,
        body: seed.body,
        draft: seed.draft,
      });
      if (seed.mergeable !== undefined) issue.pull!.mergeable = seed.mergeable;
      return issue.number;
    },
    setMergeable(owner: string, repo: string, number: number, mergeable: boolean | null): void {
      const pull = repoOf(owner, repo).issues.get(number)?.pull;
      if (!pull) throw new Error(`fake GitHub: no pull request #${number}`);
      pull.mergeable = mergeable;
    },
    /** Adds a check run (default "ci", completed/success) on the commit `ref` names now; returns its id. */
    setCheckState(seed: SeedCheck): number {
      const repo = repoOf(seed.owner, seed.repo);
      const commit = findCommit(repo, seed.ref);
      if (!commit) throw new Error(`fake GitHub: no commit for ${seed.ref}`);
      const ctx = seedCtx(world, seed.owner, seed.repo, world.actor);
      const id = nextId(world);
      const run = {
        id,
        name: seed.name ?? "ci",
        head_sha: commit.sha,
        status: "queued",
        conclusion: null,
        started_at: iso(world),
        completed_at: null,
        details_url: null,
        external_id: null,
        output: { title: null, summary: null, text: null, annotations_count: 0 },
        app: "github-actions",
      };
      const pending = seed.status && seed.status !== "completed";
      applyCheckInput(ctx, run, pending ? { status: seed.status } : { conclusion: seed.conclusion ?? "success" });
      repo.checkRuns.set(id, run);
      return id;
    },
    setStatus(seed: SeedStatus): void {
      const repo = repoOf(seed.owner, seed.repo);
      const commit = findCommit(repo, seed.ref);
      if (!commit) throw new Error(`fake GitHub: no commit for ${seed.ref}`);
      const now = iso(world);
      repo.statuses.push({
        id: nextId(world),
        sha: commit.sha,
        state: seed.state,
        context: seed.context ?? "ci",
        description: null,
        target_url: null,
        created_at: now,
        updated_at: now,
        creator: world.actor,
      });
    },
  };
}

export type FakeGitHub = ReturnType<typeof createFakeGitHub>;
