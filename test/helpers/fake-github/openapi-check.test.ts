import { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";
import { createFakeGitHub } from "./index.js";
import { checkQuery, checkResponse, matchOperation } from "./openapi-check.js";

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

function setup() {
  const gh = createFakeGitHub();
  gh.createRepo({ owner: "acme", repo: "rocket", files: { "README.md": "# Rocket\n" } });
  return { gh, octokit: new Octokit({ auth: "x", log: quiet, request: { fetch: gh.fetch } }) };
}

describe("the fake checks query parameters and its own answers against GitHub's OpenAPI description", () => {
  it("refuses a query parameter the operation does not take, or a value its schema does not allow", async () => {
    const { gh, octokit } = setup();
    await expect(octokit.request("GET /repos/acme/rocket/issues?per_pag=100")).rejects.toMatchObject({ status: 400 });
    await expect(octokit.request("GET /repos/acme/rocket/issues?state=gone")).rejects.toMatchObject({ status: 400 });
    await expect(octokit.request("GET /repos/acme/rocket/issues?per_page=many")).rejects.toMatchObject({ status: 400 });
    expect(gh.violations).toEqual([
      expect.stringContaining("query parameter per_pag is not one the operation takes"),
      expect.stringContaining("query parameter state=gone breaks its schema"),
      expect.stringContaining("query parameter per_page=many breaks its schema"),
    ]);
    await octokit.request("GET /repos/acme/rocket/issues", { state: "all", per_page: 100, labels: "phasegate" });
    expect(gh.violations).toHaveLength(3);
  });

  it("finds an answer that lacks what GitHub's schema requires, and passes the fake's own answers", async () => {
    const match = matchOperation("GET", "/repos/acme/rocket/issues/1");
    expect(match?.operationId).toBe("issues/get");
    expect(checkResponse(match!, "GET", 200, { id: 1, number: 1 }).join("; ")).toMatch(/must have required property/);
    expect(checkResponse(match!, "GET", 299, {})).toEqual([
      "issues/get: status 299 is not a response the operation documents with a JSON body",
    ]);
    expect(checkQuery(match!, "GET", new URLSearchParams("per_page=1"))).toHaveLength(1);

    const { gh, octokit } = setup();
    gh.setPermission("acme", "rocket", "ada", "write");
    const issue = await octokit.request("POST /repos/acme/rocket/issues", { title: "One", labels: ["x"] });
    await octokit.request("POST /repos/acme/rocket/issues/{issue_number}/comments", {
      issue_number: issue.data.number,
      body: "hi",
    });
    await octokit.request("GET /repos/acme/rocket");
    await octokit.request("GET /repos/acme/rocket/collaborators/ada/permission");
    expect(gh.violations).toEqual([]);
  });
});
