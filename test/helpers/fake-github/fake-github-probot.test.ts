import { generateKeyPairSync } from "node:crypto";
import { Probot, ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { createFakeGitHub } from "./index.js";

const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
  type: "pkcs1",
  format: "pem",
}) as string;

describe("fake GitHub under Probot", () => {
  it("exchanges an installation token and serves the handler's requests", async () => {
    const gh = createFakeGitHub({ appSlug: "phasegate" });
    gh.createRepo({ owner: "acme", repo: "rocket", files: {} });
    const number = gh.createIssue({ owner: "acme", repo: "rocket", title: "Login", user: "ada" });
    const probot = new Probot({
      appId: 1,
      privateKey,
      logLevel: "fatal",
      Octokit: ProbotOctokit.defaults((o: object) => ({
        ...o,
        retry: { enabled: false },
        throttle: { enabled: false },
      })),
      request: { fetch: gh.fetch },
    });
    await probot.load((app) => {
      app.on("issues.opened", async (context) => {
        await context.octokit.rest.issues.createComment(context.issue({ body: "Hello" }));
      });
    });
    await probot.receive({
      id: "1",
      name: "issues",
      payload: {
        action: "opened",
        installation: { id: 2 },
        issue: { number },
        repository: { name: "rocket", owner: { login: "acme" } },
      } as never,
    });
    expect(gh.violations).toEqual([]);
    expect(gh.repo("acme", "rocket").comments).toMatchObject([{ body: "Hello", user: { login: "phasegate[bot]" } }]);
    expect(gh.requests.map((r) => [r.operation, r.write])).toEqual([
      ["apps/create-installation-access-token", false],
      ["issues/create-comment", true],
    ]);
  });
});
