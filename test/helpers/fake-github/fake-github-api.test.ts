import { Octokit } from "@octokit/rest";
import { RequestError } from "@octokit/request-error";
import { describe, expect, it } from "vitest";
import { createFakeGitHub } from "./index.js";

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const owner = "acme";
const repo = "rocket";

function setup(baseUrl?: string) {
  const gh = createFakeGitHub();
  gh.createRepo({ owner, repo, files: { "README.md": "# Rocket\n" } });
  const octokit = new Octokit({ auth: "x", log: quiet, baseUrl, request: { fetch: gh.fetch } });
  return { gh, octokit };
}

describe("pull requests and checks", () => {
  it("shows a pull request's head, files, mergeability and failing checks", async () => {
    const { gh, octokit } = setup();
    const head = gh.commitFiles(owner, repo, "milestone/auth", { "auth.md": "a\nb\n", "README.md": null });
    const number = gh.createPullRequest({ owner, repo, head: "milestone/auth", user: "ada", mergeable: false });
    gh.setCheckState({ owner, repo, ref: "milestone/auth", name: "test", conclusion: "failure" });
    gh.setStatus({ owner, repo, ref: "milestone/auth", context: "ci/lint", state: "success" });

    const { data: pull } = await octokit.rest.pulls.get({ owner, repo, pull_number: number });
    expect(pull).toMatchObject({ head: { ref: "milestone/auth", sha: head }, base: { ref: "main" }, mergeable: false });
    const { data: files } = await octokit.rest.pulls.listFiles({ owner, repo, pull_number: number });
    expect(files.map((f) => [f.filename, f.status, f.additions])).toEqual([
      ["README.md", "removed", 0],
      ["auth.md", "added", 2],
    ]);
    const { data: runs } = await octokit.rest.checks.listForRef({ owner, repo, ref: "milestone/auth" });
    expect(runs.check_runs.map((r) => [r.name, r.conclusion])).toEqual([["test", "failure"]]);
    const { data: combined } = await octokit.rest.repos.getCombinedStatusForRef({ owner, repo, ref: head });
    expect(combined.state).toBe("success");
    const { data: issues } = await octokit.rest.issues.listForRepo({ owner, repo });
    expect(issues[0]?.pull_request).toBeDefined();
    const { data: pulls } = await octokit.rest.pulls.list({ owner, repo, head: `${owner}:milestone/auth` });
    expect(pulls.map((p) => p.number)).toEqual([number]);
    expect(gh.violations).toEqual([]);
  });

  it("creates and completes a check run with annotations", async () => {
    const { gh, octokit } = setup();
    const head_sha = gh.resolve(owner, repo, "main")!;
    const { data: run } = await octokit.rest.checks.create({ owner, repo, name: "phasegate", head_sha });
    expect(run.status).toBe("queued");
    gh.advance(5_000);
    await octokit.rest.checks.update({
      owner,
      repo,
      check_run_id: run.id,
      conclusion: "failure",
      output: {
        title: "Plan errors",
        summary: "1 error",
        annotations: [{ path: "plan.yml", start_line: 1, end_line: 1, annotation_level: "failure", message: "bad" }],
      },
    });
    expect(gh.repo(owner, repo).checkRuns).toMatchObject([
      {
        status: "completed",
        conclusion: "failure",
        completed_at: "2025-01-01T00:00:05Z",
        output: { annotations_count: 1 },
      },
    ]);
    const unknown = octokit.rest.checks.create({ owner, repo, name: "x", head_sha: "0".repeat(40) });
    await expect(unknown).rejects.toMatchObject({ status: 422 });
  });
});

describe("comments, reactions and contents", () => {
  it("edits comments and answers 201 then 200 for the same reaction", async () => {
    const { gh, octokit } = setup();
    const issue_number = gh.createIssue({ owner, repo, title: "t" });
    const { data: c } = await octokit.rest.issues.createComment({ owner, repo, issue_number, body: "/approve" });
    await octokit.rest.issues.updateComment({ owner, repo, comment_id: c.id, body: "/approve build" });
    const first = await octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: c.id, content: "+1" });
    const again = await octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: c.id, content: "+1" });
    expect([first.status, again.status]).toEqual([201, 200]);
    const { data: got } = await octokit.rest.issues.getComment({ owner, repo, comment_id: c.id });
    expect(got.body).toBe("/approve build");
    await octokit.rest.issues.deleteComment({ owner, repo, comment_id: c.id });
    expect(gh.repo(owner, repo).comments).toEqual([]);
  });

  it("writes a file with compare-and-swap on its blob sha (409 on a stale sha)", async () => {
    const { gh, octokit } = setup();
    const { data: file } = await octokit.rest.repos.getContent({ owner, repo, path: "README.md" });
    const sha = (file as { sha: string }).sha;
    const put = (content: string, at?: string) =>
      octokit.rest.repos.createOrUpdateFileContents({
        owner,
        repo,
        path: "README.md",
        message: "Update",
        content: Buffer.from(content).toString("base64"),
        ...(at && { sha: at }),
      });
    await put("v2\n", sha);
    await expect(put("v3\n", sha)).rejects.toMatchObject({ status: 409 });
    await expect(put("v3\n")).rejects.toMatchObject({ status: 422 });
    expect(gh.readFile(owner, repo, "main", "README.md")).toBe("v2\n");
  });
});

describe("identity, GHES and dispatch", () => {
  it("serves a GHES base URL and acts as the token's user", async () => {
    const { gh } = setup();
    const octokit = new Octokit({
      auth: gh.tokenFor("ada"),
      log: quiet,
      baseUrl: "https://ghe.example.test/api/v3",
      request: { fetch: gh.fetch },
    });
    gh.setPermission(owner, repo, "ada", "triage");
    const { data } = await octokit.rest.repos.get({ owner, repo });
    expect(data).toMatchObject({ default_branch: "main", permissions: { triage: true, push: false } });
    expect(data.html_url).toBe("https://ghe.example.test/acme/rocket");
    const { data: issue } = await octokit.rest.issues.create({ owner, repo, title: "from ada" });
    expect(issue.user?.login).toBe("ada");
    expect(gh.requests[0]?.path).toBe("/repos/acme/rocket");
  });

  it("records repository dispatches", async () => {
    const { gh, octokit } = setup();
    gh.advance(1000);
    await octokit.rest.repos.createDispatchEvent({
      owner,
      repo,
      event_type: "phasegate.resume",
      client_payload: { n: 1 },
    });
    expect(gh.dispatches).toEqual([
      { owner, repo, event_type: "phasegate.resume", client_payload: { n: 1 }, at: gh.now() },
    ]);
    const tooMany = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, i]));
    const error = await octokit.rest.repos
      .createDispatchEvent({ owner, repo, event_type: "x", client_payload: tooMany })
      .catch((e: RequestError) => e);
    // The description says maxProperties: 10, so the contract check refuses it (GitHub answers 422).
    expect(error).toMatchObject({ status: 400 });
    expect(gh.violations).toEqual([expect.stringContaining("repos/create-dispatch-event: body/client_payload")]);
    expect(gh.dispatches).toHaveLength(1);
  });
});
