import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";
import { bigPlanYaml } from "../helpers/big-plan.js";
import { createFakeGitHub } from "../helpers/fake-github/index.js";

/** The fake GitHub's fetch, handed to the CLI as its way to reach GitHub. */
const given: { fetch?: typeof fetch } = {};

afterEach(() => void delete given.fetch);

async function cli(args: string[], env: NodeJS.ProcessEnv) {
  let out = "";
  let err = "";
  const code = await main(
    args,
    { out: (t) => void (out += t), err: (t) => void (err += t), json: false },
    { cwd: process.cwd(), env, ...(given.fetch && { fetch: given.fetch }) },
  );
  return { code, out, err };
}

describe("phasegate sync", () => {
  it("previews with --dry-run, then syncs, and reports requests with --json", async () => {
    const gh = createFakeGitHub();
    gh.createRepo({ owner: "acme", repo: "rocket", files: { ".milestones/big.yaml": bigPlanYaml(3) } });
    for (const user of ["bob", "carol"]) gh.setPermission("acme", "rocket", user, "write");
    given.fetch = gh.fetch;
    const env = { GITHUB_TOKEN: "t", GITHUB_API_URL: "https://api.github.com" };
    const preview = await cli(["sync", "big", "--repo", "acme/rocket", "--dry-run"], env);
    expect(preview.code).toBe(0);
    expect(preview.out).toMatch(/^\d+ writes would be made: \d+ to create, 0 to change, 0 to close/);
    expect(preview.out).toContain('create issue "T1: Task number 1"');
    expect(gh.count({ write: true })).toBe(0);

    const real = await cli(["sync", "big", "--repo", "acme/rocket", "--json"], env);
    expect(real.code).toBe(0);
    const report = JSON.parse(real.out);
    expect(report).toMatchObject({ complete: true, dry_run: false });
    expect(report.requests.writes).toBe(gh.count({ write: true }));
    expect(gh.repo("acme", "rocket").issues).toHaveLength(4);
    const again = JSON.parse((await cli(["sync", "big", "--repo", "acme/rocket", "--json"], env)).out);
    expect(again.writes).toEqual([]);
    expect(gh.violations).toEqual([]);
  });

  it("says what is missing without a token or a repository", async () => {
    const noToken = await cli(["sync", "big", "--repo", "acme/rocket"], { PATH: "/nonexistent" });
    expect(noToken.code).toBe(1);
    expect(noToken.err).toContain("no GitHub token: set GITHUB_TOKEN or GH_TOKEN");
    expect(noToken.err).not.toContain("phasegate help");
    const badRepo = await cli(["sync", "big", "--repo", "rocket"], { GITHUB_TOKEN: "t" });
    expect(badRepo.err).toContain("--repo must be owner/name");
    // The same identity rules as every command: --as must be a GitHub login.
    expect((await cli(["sync", "big", "--repo", "acme/rocket", "--as", ""], { GITHUB_TOKEN: "t" })).code).toBe(2);
  });
});
