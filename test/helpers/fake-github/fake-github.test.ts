import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Octokit } from "@octokit/rest";
import { RequestError } from "@octokit/request-error";
import { beforeEach, describe, expect, it } from "vitest";
import { createFakeGitHub, type FakeGitHub } from "./index.js";

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const owner = "acme";
const repo = "rocket";

function setup(options?: Parameters<typeof createFakeGitHub>[0]) {
  const gh = createFakeGitHub(options);
  gh.createRepo({ owner, repo, files: { "README.md": "# Rocket\n", "docs/plan/auth.md": "auth\n" } });
  const octokit = new Octokit({ auth: "x", log: quiet, request: { fetch: gh.fetch } });
  return { gh, octokit };
}

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof RequestError) return error.status;
    throw error;
  }
}

describe("git data", () => {
  let gh: FakeGitHub;
  let octokit: Octokit;
  beforeEach(() => ({ gh, octokit } = setup()));

  it("commits through blob → tree → commit → ref and reads it back", async () => {
    const head = await octokit.rest.git.getRef({ owner, repo, ref: "heads/main" });
    const base = await octokit.rest.git.getCommit({ owner, repo, commit_sha: head.data.object.sha });
    const blob = await octokit.rest.git.createBlob({
      owner,
      repo,
      content: Buffer.from("binary\0ish").toString("base64"),
      encoding: "base64",
    });
    const tree = await octokit.rest.git.createTree({
      owner,
      repo,
      base_tree: base.data.tree.sha,
      tree: [
        { path: "a/b/c.md", mode: "100644", type: "blob", content: "deep\n" },
        { path: "bin.dat", mode: "100644", type: "blob", sha: blob.data.sha },
        { path: "docs/plan/auth.md", mode: "100644", type: "blob", sha: null },
      ],
    });
    const commit = await octokit.rest.git.createCommit({
      owner,
      repo,
      message: "Add files",
      tree: tree.data.sha,
      parents: [base.data.sha],
    });
    await octokit.rest.git.updateRef({ owner, repo, ref: "heads/main", sha: commit.data.sha });

    expect(gh.readFile(owner, repo, "main", "a/b/c.md")).toBe("deep\n");
    expect(gh.readFile(owner, repo, "main", "docs/plan/auth.md")).toBeUndefined();
    const { data: read } = await octokit.rest.repos.getContent({ owner, repo, path: "a/b/c.md", ref: "main" });
    expect(Buffer.from((read as { content: string }).content, "base64").toString()).toBe("deep\n");
    const { data: full } = await octokit.rest.git.getTree({ owner, repo, tree_sha: "main", recursive: "1" });
    expect(full.tree.map((e) => e.path)).toEqual(["README.md", "a", "a/b", "a/b/c.md", "bin.dat"]);
    const { data: root } = await octokit.rest.repos.getContent({ owner, repo, path: "" });
    expect((root as { name: string }[]).map((e) => e.name)).toEqual(["README.md", "a", "bin.dat"]);
    expect(gh.violations).toEqual([]);
  });

  it("computes the same blob, tree and commit ids as git", () => {
    // Names that exercise git's tree order: a directory sorts as if its name ended in "/".
    const files = { "a.md": "1\n", "a/b.md": "2\n", "a-b.txt": "3\n", "README.md": "# Rocket\n" };
    const dir = mkdtempSync(join(tmpdir(), "fake-gh-"));
    try {
      const env = {
        ...process.env,
        GIT_AUTHOR_DATE: "2025-01-01T00:00:00Z",
        GIT_COMMITTER_DATE: "2025-01-01T00:00:00Z",
      };
      const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, env, encoding: "utf8" }).trim();
      git("init", "-q");
      mkdirSync(join(dir, "a"));
      for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
      git("add", ".");
      const tree = git("write-tree");
      // vitest.config sets the author and committer to Test Dev <dev@example.test>, as seeding commits do.
      const commit = git("commit-tree", tree, "-m", "Initial commit");

      const fake = createFakeGitHub();
      fake.createRepo({ owner, repo, files: {} });
      fake.repo(owner, repo).raw.refs.clear(); // an empty repository: the next commit is a root commit
      // git commit-tree -m ends the message with a newline
      const sha = fake.commitFiles(owner, repo, "main", files, "Initial commit\n");
      const obj = fake.repo(owner, repo).raw.objects.get(sha);
      expect(obj?.type === "commit" && obj.tree).toBe(tree);
      expect(sha).toBe(commit);
      expect(fake.readFile(owner, repo, sha, "a/b.md")).toBe("2\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a non-fast-forward ref update unless forced", async () => {
    const main = gh.resolve(owner, repo, "main")!;
    await octokit.rest.git.createRef({ owner, repo, ref: "refs/heads/milestone/auth-v2", sha: main });
    const ahead = gh.commitFiles(owner, repo, "milestone/auth-v2", { "x.md": "x" });
    const { data: ref } = await octokit.rest.git.getRef({ owner, repo, ref: "heads/milestone/auth-v2" });
    expect(ref.object.sha).toBe(ahead);
    expect(await statusOf(octokit.rest.git.updateRef({ owner, repo, ref: "heads/milestone/auth-v2", sha: main }))).toBe(
      422,
    );
    await octokit.rest.git.updateRef({ owner, repo, ref: "heads/milestone/auth-v2", sha: main, force: true });
    expect(gh.resolve(owner, repo, "milestone/auth-v2")).toBe(main);
    const { data: refs } = await octokit.rest.git.listMatchingRefs({ owner, repo, ref: "heads/milestone/" });
    expect(refs.map((r) => r.ref)).toEqual(["refs/heads/milestone/auth-v2"]);
    await octokit.rest.git.deleteRef({ owner, repo, ref: "heads/milestone/auth-v2" });
    expect(gh.repo(owner, repo).refs).toEqual({ "refs/heads/main": main });
  });
});

describe("issues", () => {
  it("paginates with link headers, and octokit.paginate follows them", async () => {
    const { gh, octokit } = setup();
    for (let i = 1; i <= 7; i++) gh.createIssue({ owner, repo, title: `Issue ${i}`, labels: i % 2 ? ["odd"] : [] });
    const first = await octokit.rest.issues.listForRepo({ owner, repo, per_page: 3, direction: "asc" });
    expect(first.data.map((i) => i.number)).toEqual([1, 2, 3]);
    expect(first.headers.link).toContain('rel="next"');
    expect(first.headers.link).toContain("page=3");
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, per_page: 2, labels: "odd" });
    expect(all.map((i) => i.number)).toEqual([7, 5, 3, 1]);
    expect(gh.count({ write: false })).toBe(3); // 1 + ceil(4 / 2)
  });

  it("creates, updates and closes issues with labels, milestones and assignees", async () => {
    const { gh, octokit } = setup();
    gh.setPermission(owner, repo, "ada", "write");
    gh.addUser("mallory");
    const { data: m } = await octokit.rest.issues.createMilestone({ owner, repo, title: "v1" });
    expect(await statusOf(octokit.rest.issues.createMilestone({ owner, repo, title: "v1" }))).toBe(422);
    const { data: issue } = await octokit.rest.issues.create({
      owner,
      repo,
      title: "Login",
      labels: ["phase:build"],
      milestone: m.number,
      assignees: ["ada", "mallory"],
    });
    expect(issue.assignees?.map((a) => a.login)).toEqual(["ada"]);
    await octokit.rest.issues.update({ owner, repo, issue_number: issue.number, state: "closed" });
    const view = gh.repo(owner, repo);
    expect(view.issues[0]).toMatchObject({ state: "closed", state_reason: "completed", milestone: { title: "v1" } });
    expect(view.labels.map((l) => l.name)).toEqual(["phase:build"]);
  });
});

describe("the OpenAPI check", () => {
  it("rejects a wrong body and an unknown path with 400 and records both", async () => {
    const { gh, octokit } = setup();
    // A wrong body as untyped code (or a typo'd route) would send it: `labels` must be an array.
    const route: string = "POST /repos/{owner}/{repo}/issues";
    const wrong = octokit.request(route, { owner, repo, title: "t", labels: "x" });
    expect(await statusOf(wrong)).toBe(400);
    expect(await statusOf(octokit.request("GET /repos/{owner}/{repo}/no-such-thing", { owner, repo }))).toBe(400);
    expect(gh.violations).toHaveLength(2);
    expect(gh.violations[0]).toMatch(/issues\/create: body\/labels/);
    expect(gh.repo(owner, repo).issues).toEqual([]);
  });

  it("answers 501 naming a valid operation it does not implement", async () => {
    const { gh, octokit } = setup();
    const error = await octokit.rest.repos.listForks({ owner, repo }).catch((e: RequestError) => e);
    expect(error).toMatchObject({ status: 501, message: expect.stringContaining("repos/list-forks") });
    expect(gh.violations).toEqual([]);
  });
});

describe("faults", () => {
  it("5xx and secondary limits change nothing; the Nth matching request fails", async () => {
    const { gh, octokit } = setup();
    gh.inject({ method: "POST", path: /\/issues$/, nth: 2, status: 502 });
    gh.inject({ method: "POST", path: /\/labels$/, secondaryLimit: { retryAfterSeconds: 42 } });
    await octokit.rest.issues.create({ owner, repo, title: "one" });
    expect(await statusOf(octokit.rest.issues.create({ owner, repo, title: "two" }))).toBe(502);
    await octokit.rest.issues.create({ owner, repo, title: "three" });
    const limited = await octokit.rest.issues.createLabel({ owner, repo, name: "l" }).catch((e: RequestError) => e);
    expect(limited).toMatchObject({ status: 403, message: expect.stringMatching(/secondary rate limit/) });
    expect(limited instanceof RequestError && limited.response?.headers["retry-after"]).toBe("42");
    expect(gh.repo(owner, repo).issues.map((i) => i.title)).toEqual(["one", "three"]);
    expect(gh.repo(owner, repo).labels).toEqual([]);
    expect(gh.pendingFaults()).toEqual([]);
  });

  it("a lost response takes effect, a timeout does not; both reject", async () => {
    const { gh, octokit } = setup();
    gh.inject({ method: "POST", path: "/issues$", lostResponse: true });
    gh.inject({ method: "POST", path: "/issues$", nth: 2, timeout: true, times: 1 });
    await expect(octokit.rest.issues.create({ owner, repo, title: "lost" })).rejects.toThrow(/other side closed/);
    await expect(octokit.rest.issues.create({ owner, repo, title: "timed out" })).rejects.toThrow(/Timeout/);
    expect(gh.repo(owner, repo).issues.map((i) => i.title)).toEqual(["lost"]);
    expect(gh.requests.map((r) => [r.fault, r.status])).toEqual([
      ["lostResponse", 201],
      ["timeout", 0],
    ]);
  });
});

describe("content limit", () => {
  it("answers 403 with retry-after once 80 writes land within a virtual minute", async () => {
    const { gh, octokit } = setup({ contentLimit: { perMinute: 80, perHour: 500 } });
    for (let i = 0; i < 80; i++) {
      await octokit.rest.issues.createLabel({ owner, repo, name: `l${i}` });
      gh.advance(500);
    }
    const error = await octokit.rest.issues.createLabel({ owner, repo, name: "over" }).catch((e: RequestError) => e);
    expect(error).toMatchObject({ status: 403 });
    expect(error instanceof RequestError && error.response?.headers["retry-after"]).toBe("20");
    gh.advance(20_000);
    await octokit.rest.issues.createLabel({ owner, repo, name: "later" });
    expect(gh.count({ write: true, status: 201 })).toBe(81);
    // reads do not count
    await octokit.rest.issues.listLabelsForRepo({ owner, repo });
  });
});

describe("etags", () => {
  it("answers 304 to a matching if-none-match; Octokit throws a RequestError with status 304", async () => {
    const { gh, octokit } = setup();
    const first = await octokit.rest.issues.listForRepo({ owner, repo });
    const etag = first.headers.etag!;
    const again = await octokit.rest.issues
      .listForRepo({ owner, repo, headers: { "if-none-match": etag } })
      .catch((e: RequestError) => e);
    expect(again).toBeInstanceOf(RequestError);
    expect((again as RequestError).status).toBe(304);
    gh.createIssue({ owner, repo, title: "new" });
    const changed = await octokit.rest.issues.listForRepo({ owner, repo, headers: { "if-none-match": etag } });
    expect(changed.data).toHaveLength(1);
    expect(gh.count({ status: 304 })).toBe(1);
  });
});

describe("sub-issues and dependencies", () => {
  it("enforces 100 sub-issues per parent and one parent per child", async () => {
    const { gh, octokit } = setup();
    const parent = gh.createIssue({ owner, repo, title: "parent" });
    const ids = gh.repo(owner, repo).raw;
    const child = (n: number) => ids.issues.get(n)!.id;
    const kids = Array.from({ length: 101 }, (_, i) => gh.createIssue({ owner, repo, title: `kid ${i}` }));
    for (const n of kids.slice(0, 100)) ids.issues.get(parent)!.subIssues.push(child(n));
    for (const n of kids.slice(0, 100)) ids.issues.get(n)!.parent = child(parent);
    const over = octokit.rest.issues.addSubIssue({
      owner,
      repo,
      issue_number: parent,
      sub_issue_id: child(kids[100]!),
    });
    expect(await statusOf(over)).toBe(422);
    const other = gh.createIssue({ owner, repo, title: "other parent" });
    const steal = { owner, repo, issue_number: other, sub_issue_id: child(kids[0]!) };
    expect(await statusOf(octokit.rest.issues.addSubIssue(steal))).toBe(422);
    await octokit.rest.issues.addSubIssue({ ...steal, replace_parent: true });
    const { data: moved } = await octokit.rest.issues.get({ owner, repo, issue_number: kids[0]! });
    expect(moved.parent_issue_url).toMatch(new RegExp(`/issues/${other}$`));
    const { data: list } = await octokit.rest.issues.listSubIssues({ owner, repo, issue_number: other });
    expect(list.map((i) => i.number)).toEqual([kids[0]]);
  });

  it("nests sub-issues at most 8 levels deep", async () => {
    const { gh, octokit } = setup();
    const raw = gh.repo(owner, repo).raw;
    const chain = Array.from({ length: 9 }, (_, i) => gh.createIssue({ owner, repo, title: `level ${i + 1}` }));
    const link = (parent: number, child: number) =>
      octokit.rest.issues.addSubIssue({ owner, repo, issue_number: parent, sub_issue_id: raw.issues.get(child)!.id });
    for (let i = 1; i < 8; i++) await link(chain[i - 1]!, chain[i]!);
    expect(await statusOf(link(chain[7]!, chain[8]!))).toBe(422);
    const { data } = await octokit.rest.issues.get({ owner, repo, issue_number: chain[0]! });
    expect(data.sub_issues_summary).toMatchObject({ total: 1, completed: 0 });
  });

  it("enforces 50 blocked-by links per direction and refuses duplicates", async () => {
    const { gh, octokit } = setup();
    const raw = gh.repo(owner, repo).raw;
    const id = (n: number) => raw.issues.get(n)!.id;
    const blocked = gh.createIssue({ owner, repo, title: "blocked" });
    const blockers = Array.from({ length: 51 }, (_, i) => gh.createIssue({ owner, repo, title: `b${i}` }));
    const add = (n: number) =>
      octokit.rest.issues.addBlockedByDependency({ owner, repo, issue_number: blocked, issue_id: id(n) });
    await add(blockers[0]!);
    expect(await statusOf(add(blockers[0]!))).toBe(422);
    for (const n of blockers.slice(1, 50)) await add(n);
    expect(await statusOf(add(blockers[50]!))).toBe(422);
    const { data } = await octokit.rest.issues.get({ owner, repo, issue_number: blocked });
    expect(data.issue_dependencies_summary).toMatchObject({ blocked_by: 50, total_blocked_by: 50 });
    expect(gh.violations).toEqual([]);
  });
});

describe("people", () => {
  it("answers permissions like GitHub: role for collaborators, none for known users, 404 for unknown", async () => {
    const { gh, octokit } = setup();
    gh.setPermission(owner, repo, "ada", "maintain");
    gh.addUser("bob");
    const { data: ada } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: "ada" });
    expect([ada.permission, ada.role_name]).toEqual(["write", "maintain"]);
    const { data: bob } = await octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: "bob" });
    expect(bob.permission).toBe("none");
    const ghost = octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: "ghost" });
    expect(await statusOf(ghost)).toBe(404);
    gh.addTeamMember(owner, "leads", "ada");
    const team = { org: owner, team_slug: "leads" };
    const { data: m } = await octokit.rest.teams.getMembershipForUserInOrg({ ...team, username: "ada" });
    expect(m.state).toBe("active");
    expect(await statusOf(octokit.rest.teams.getMembershipForUserInOrg({ ...team, username: "bob" }))).toBe(404);
  });
});
