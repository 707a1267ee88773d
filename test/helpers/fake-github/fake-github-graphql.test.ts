import { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";
import { createFakeGitHub } from "./index.js";

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const owner = "acme";
const repo = "rocket";

function setup() {
  const gh = createFakeGitHub();
  const { head } = gh.createRepo({ owner, repo, files: { "README.md": "# Rocket\n", "docs/a.md": "a\n" } });
  const octokit = new Octokit({ auth: "x", log: quiet, request: { fetch: gh.fetch } });
  return { gh, octokit, head };
}

const COMMIT = `mutation ($input: CreateCommitOnBranchInput!) {
  createCommitOnBranch(input: $input) { commit { oid } }
}`;

describe("GraphQL in the fake GitHub", () => {
  it("checks every document against GitHub's schema: an unknown field is a violation, not an answer", async () => {
    const { gh, octokit } = setup();
    await expect(
      octokit.request("POST /graphql", { query: 'query { repository(owner: "acme", name: "rocket") { nope } }' }),
    ).rejects.toMatchObject({ status: 400 });
    expect(gh.violations).toEqual([expect.stringContaining('Cannot query field "nope" on type "Repository"')]);
  });

  it("reads a branch's head, tree and files, and commits on it only from the expected head", async () => {
    const { gh, octokit, head } = setup();
    const query = `query ($ref: String!) { repository(owner: "acme", name: "rocket") {
      ref(qualifiedName: $ref) { target { oid ... on Commit { tree { oid } file(path: "docs/a.md") { object { ... on Blob { text } } } } } } } }`;
    const { data: read } = await octokit.request("POST /graphql", { query, variables: { ref: "refs/heads/main" } });
    expect(read.data.repository.ref.target).toMatchObject({ oid: head, file: { object: { text: "a\n" } } });

    const input = (expectedHeadOid: string) => ({
      branch: { repositoryNameWithOwner: `${owner}/${repo}`, branchName: "main" },
      expectedHeadOid,
      message: { headline: "step" },
      fileChanges: {
        additions: [{ path: "docs/b.md", contents: Buffer.from("b\n").toString("base64") }],
        deletions: [{ path: "README.md" }],
      },
    });
    const { data: done } = await octokit.request("POST /graphql", { query: COMMIT, variables: { input: input(head) } });
    const oid = done.data.createCommitOnBranch.commit.oid as string;
    expect(gh.resolve(owner, repo, "main")).toBe(oid);
    expect(gh.readFile(owner, repo, "main", "docs/b.md")).toBe("b\n");
    expect(gh.readFile(owner, repo, "main", "README.md")).toBeUndefined();

    // From the old head again: refused (compare-and-swap), nothing changes.
    const { data: stale } = await octokit.request("POST /graphql", {
      query: COMMIT,
      variables: { input: input(head) },
    });
    expect(stale.data.createCommitOnBranch).toBeNull();
    expect(stale.errors).toEqual([expect.objectContaining({ type: "STALE_DATA" })]);
    expect(gh.resolve(owner, repo, "main")).toBe(oid);
    expect(gh.requests.map((r) => [r.operation, r.write])).toEqual([
      ["graphql/query", false],
      ["graphql/createCommitOnBranch", true],
      ["graphql/createCommitOnBranch", true],
    ]);
    expect(gh.violations).toEqual([]);
  });
});
