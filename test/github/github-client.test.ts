import { Octokit } from "@octokit/rest";
import { afterEach, describe, expect, it } from "vitest";
import { GitHubClient, GitHubError } from "../../github/index.js";
import { GitHubRepo } from "../../github/github-repo.js";
import { NAME, OWNER, setupGitHub } from "./github-setup.js";

let env = setupGitHub({ "README.md": "# Rocket\n" });
afterEach(() => expect(env.gh.violations).toEqual([]));
const at = { owner: OWNER, repo: NAME };

describe("GitHubClient", () => {
  it("throws one typed error with the status, request id, method and url", async () => {
    env = setupGitHub();
    const error = await env
      .client()
      .request("GET /repos/{owner}/{repo}/issues/{issue_number}", { ...at, issue_number: 9 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubError);
    expect(error).toMatchObject({
      status: 404,
      requestId: "FAKE",
      method: "GET",
      url: expect.stringContaining("/issues/9"),
    });
  });

  it("retries a GET on 5xx with back-off, and obeys retry-after on a secondary limit", async () => {
    env = setupGitHub();
    const client = env.client();
    env.gh.inject({ method: "GET", path: /\/rocket$/, status: 502, times: 2 });
    env.gh.inject({ method: "GET", path: /\/rocket$/, nth: 3, secondaryLimit: { retryAfterSeconds: 30 } });
    const start = env.gh.now();
    await client.request("GET /repos/{owner}/{repo}", at);
    expect(env.gh.count()).toBe(4);
    expect(env.gh.now() - start).toBeGreaterThanOrEqual(30_000);
    expect(client.stats).toMatchObject({ reads: 4, retries: 2 });
  });

  it("never resends a POST blindly after a 5xx; gives up on 4 failures of a GET", async () => {
    env = setupGitHub();
    env.gh.inject({ method: "POST", status: 500 });
    const post = env.client().request("POST /repos/{owner}/{repo}/issues", { ...at, title: "x" });
    await expect(post).rejects.toMatchObject({ status: 500 });
    expect(env.gh.repo(OWNER, NAME).issues).toHaveLength(0);
    env.gh.inject({ method: "GET", status: 503, times: 4 });
    await expect(env.client().request("GET /repos/{owner}/{repo}", at)).rejects.toMatchObject({ status: 503 });
  });

  it("answers an unchanged GET from its ETag cache (a 304)", async () => {
    env = setupGitHub();
    const client = env.client();
    const first = await client.request("GET /repos/{owner}/{repo}", at);
    const second = await client.request("GET /repos/{owner}/{repo}", at);
    expect(second.data).toEqual(first.data);
    expect(env.gh.count({ status: 304 })).toBe(1);
    expect(client.stats.notModified).toBe(1);
  });

  it("paginates through link headers", async () => {
    env = setupGitHub();
    for (let i = 0; i < 205; i++) env.gh.createIssue({ owner: OWNER, repo: NAME, title: `i${i}` });
    env.gh.resetLog();
    const all = await env.client().paginate("GET /repos/{owner}/{repo}/issues", { ...at, state: "all" });
    expect(all).toHaveLength(205);
    expect(env.gh.count()).toBe(3);
  });
});

describe("GitHubRepo on a truncated tree", () => {
  it("reads the folders it needs one level at a time", async () => {
    env = setupGitHub({ "README.md": "r\n", ".milestones/plans/m1.yml": "id: m1\n", "src/a.ts": "a\n" });
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const response = await env.gh.fetch(input, init);
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (!url.pathname.includes("/git/trees/") || url.searchParams.get("recursive") !== "1") return response;
      const body = (await response.json()) as { tree: unknown[] };
      const headers = { "content-type": "application/json", "x-github-request-id": "T" };
      const truncated = new Response(JSON.stringify({ ...body, tree: body.tree.slice(0, 1), truncated: true }), {
        headers,
      });
      return Object.defineProperty(truncated, "url", { value: url.href });
    };
    const octokit = new Octokit({ request: { fetch } });
    const repo = new GitHubRepo({ client: new GitHubClient({ octokit, clock: env.clock }), ...at });
    const snap = await repo.work("main");
    env.gh.resetLog();
    expect(await snap.list(".milestones/plans")).toEqual([".milestones/plans/m1.yml"]);
    expect((await snap.read(".milestones/plans/m1.yml"))?.text).toBe("id: m1\n");
    expect(await snap.read("src/b.ts")).toBeUndefined();
    // The recursive read (truncated: work() no longer reads the tree), root, .milestones, plans, the blob, src.
    expect(env.gh.count()).toBe(6);
  });
});
