import { afterEach, describe, expect, it } from "vitest";
import { createGitHubPorts } from "../../github/index.js";
import { NAME, OWNER, setupGitHub } from "./github-setup.js";

let env = setupGitHub();
afterEach(() => expect(env.gh.violations).toEqual([]));

/** The four ports acting for `actor`, on a repository where alice writes and mallory reads. */
function portsFor(actor: string) {
  env = setupGitHub({ "README.md": "# Rocket\n" });
  env.gh.setPermission(OWNER, NAME, "alice", "write");
  env.gh.setPermission(OWNER, NAME, "mallory", "read");
  env.gh.addUser("zoe");
  return createGitHubPorts({ octokit: env.octokit(), owner: OWNER, repo: NAME, clock: env.clock, actor });
}

async function firstRead(ports: ReturnType<typeof portsFor>): Promise<void> {
  const snapshot = await ports.repo.snapshot("main", { paths: ["README.md"] });
  expect((await snapshot.read("README.md"))?.text).toBe("# Rocket\n");
}

describe("the actor's permission, read along with the first query (ADR 30)", () => {
  it.each([
    ["alice", "write"],
    ["mallory", "read"],
    [OWNER, "admin"],
  ])("%s: %s, with no request of its own", async (actor, permission) => {
    const ports = portsFor(actor);
    await firstRead(ports);
    env.gh.resetLog();
    expect(await ports.forge.getPermission(actor.toUpperCase())).toBe(permission);
    expect(env.gh.requests).toEqual([]);
  });

  it("asks once per delivery, and reads anyone else's through REST, once each", async () => {
    const ports = portsFor("alice");
    await firstRead(ports);
    await (await ports.repo.snapshot("main", { paths: ["README.md"] })).read("README.md");
    const queries = env.gh.requests.filter((r) => r.operation === "graphql/query");
    expect(queries).toHaveLength(2);
    env.gh.resetLog();
    expect(await ports.forge.getPermission("mallory")).toBe("read");
    expect(await ports.forge.getPermission("mallory")).toBe("read");
    expect(env.gh.requests.map((r) => r.operation)).toEqual(["repos/get-collaborator-permission-level"]);
  });

  it("leaves a user without access, and a refused field, to the REST read", async () => {
    const stranger = portsFor("zoe");
    await firstRead(stranger);
    env.gh.resetLog();
    expect(await stranger.forge.getPermission("zoe")).toBe("none");
    expect(env.gh.requests.map((r) => r.operation)).toEqual(["repos/get-collaborator-permission-level"]);

    const refused = portsFor("alice");
    env.gh.repo(OWNER, NAME).raw.forbiddenFields = new Set(["collaborators"]);
    await firstRead(refused);
    env.gh.resetLog();
    expect(await refused.forge.getPermission("alice")).toBe("write");
    expect(env.gh.requests.map((r) => r.operation)).toEqual(["repos/get-collaborator-permission-level"]);
  });

  it("is not asked without an actor", async () => {
    env = setupGitHub({ "README.md": "# Rocket\n" });
    const ports = createGitHubPorts({ octokit: env.octokit(), owner: OWNER, repo: NAME, clock: env.clock });
    await firstRead(ports);
    expect(env.gh.violations).toEqual([]);
    env.gh.resetLog();
    expect(await ports.forge.getPermission(OWNER)).toBe("admin");
    expect(env.gh.count({ operation: "repos/get-collaborator-permission-level" })).toBe(1);
  });
});
