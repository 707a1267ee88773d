/** Progress on a terminal for long work; nothing extra when piped or under --json; Octokit's request lines only with --verbose. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../cli/main.js";
import { createProgressBar } from "../../cli/progress-bar.js";
import { bigPlanYaml } from "../helpers/big-plan.js";
import { createFakeGitHub } from "../helpers/fake-github/index.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { sampleFiles } from "../helpers/sample-plan.js";

/** The fake GitHub's fetch, handed to the CLI as its way to reach GitHub. */
const given: { fetch?: typeof fetch } = {};

let repo: ScratchRepo | undefined;
afterEach(() => {
  delete given.fetch;
  repo?.cleanup();
});

/** The CLI with a terminal on stderr (`status`) or without (piped). */
async function cli(args: string[], env: NodeJS.ProcessEnv, terminal: boolean, cwd = process.cwd()) {
  let out = "";
  let err = "";
  let status = "";
  const io = {
    out: (t: string) => void (out += t),
    err: (t: string) => void (err += t),
    json: false,
    ...(terminal && { status: (t: string) => void (status += t) }),
  };
  const code = await main(args, io, { cwd, env, ...(given.fetch && { fetch: given.fetch }) });
  return { code, out, err, status };
}

describe("progress bar", () => {
  it("draws counts and the rate, says when it waits, clears itself; at most ten redraws a second", () => {
    let t = 0;
    let text = "";
    const bar = createProgressBar(
      { out: () => {}, err: () => {}, json: false, status: (s) => void (text += s) },
      () => t,
    )!;
    for (let i = 1; i <= 150; i++) {
      t += 20;
      bar.update("sync", "writes", i, 150);
    }
    bar.wait(58_000, "GitHub's rate limits");
    bar.end();
    const frames = text.split("\r\u001b[K").filter(Boolean);
    expect(frames.length).toBeLessThanOrEqual(150 / 5 + 3);
    expect(frames).toContain("sync  [########################] 150/150 writes  50.3/s");
    expect(frames.filter((f) => f.includes("75/150")).length).toBeLessThanOrEqual(1);
    expect(frames.at(-1)).toBe(
      "sync  [########################] 150/150 writes  50.3/s  waiting 58 s: GitHub's rate limits",
    );
    expect(text.endsWith("\r\u001b[K")).toBe(true);
  });

  it.each([
    ["piped (no terminal)", { out: () => {}, err: () => {}, json: false }],
    ["--json", { out: () => {}, err: () => {}, json: true, status: () => {} }],
  ])("nothing when %s", (_, io) => {
    expect(createProgressBar(io)).toBeUndefined();
  });
});

describe("long commands on a terminal", () => {
  function github() {
    const gh = createFakeGitHub();
    gh.createRepo({ owner: "acme", repo: "rocket", files: { ".milestones/big.yaml": bigPlanYaml(12) } });
    given.fetch = gh.fetch;
    return gh;
  }
  const env = { GITHUB_TOKEN: "t", GITHUB_API_URL: "https://api.github.com" };

  it("sync shows a bar of writes on a terminal, nothing when piped or with --json", async () => {
    github();
    const tty = await cli(["sync", "big", "--repo", "acme/rocket"], env, true);
    expect(tty.code).toBe(0);
    const writes = Number(/synced big: (\d+) writes/.exec(tty.out)?.[1]);
    expect(writes).toBeGreaterThan(12);
    expect(tty.status).toContain(`] ${writes}/${writes} writes`);
    expect(tty.status.endsWith("\r\u001b[K")).toBe(true);
    github();
    const json = await cli(["sync", "big", "--repo", "acme/rocket", "--json"], env, true);
    expect(json.status).toBe("");
    github();
    const piped = await cli(["sync", "big", "--repo", "acme/rocket"], env, false);
    expect(piped.status + piped.err).not.toContain("[#");
  });

  it("Octokit's per-request lines (404, 304) are not printed, except with --verbose", async () => {
    github();
    const printed = [
      vi.spyOn(console, "error"),
      vi.spyOn(console, "warn"),
      vi.spyOn(console, "info"),
      vi.spyOn(console, "log"),
    ];
    const quiet = await cli(["sync", "big", "--repo", "acme/rocket"], env, false);
    const consoleLines = printed.flatMap((spy) => spy.mock.calls.map((c) => String(c[0])));
    printed.forEach((spy) => spy.mockRestore());
    expect(consoleLines.filter((l) => / - (404|304) with id/.test(l))).toEqual([]);
    expect(quiet.err).toBe("");
    github();
    const verbose = await cli(["sync", "big", "--repo", "acme/rocket", "--verbose"], env, false);
    // The milestone branch is missing: GraphQL answers 200 with a null ref (no 404 any more).
    expect(verbose.err).toMatch(/phasegate debug: POST \/graphql - 200 with id/);
  });

  it("checkpoint shows the files it screens on a terminal", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    for (let i = 0; i < 40; i++) repo.write(`src/file-${i}.ts`, `export const n = ${i};\n`);
    const run = await cli(
      ["checkpoint", "m1", "--min-changes", "1"],
      { ...repo.env, PHASEGATE_SESSION: "s" },
      true,
      repo.root,
    );
    expect(run.code).toBe(0);
    expect(run.status).toMatch(/checkpoint {2}\[#+\] 40\/40 files screened/);
  });
});

describe("execute and import on a terminal", () => {
  it("execute shows the tasks it has looked at; nothing when piped or with --json", async () => {
    repo = scratchRepo({ ".milestones/big.yaml": bigPlanYaml(40) }, "milestone/big");
    const env = { ...repo.env, PHASEGATE_SESSION: "s" };
    const tty = await cli(["execute", "big"], env, true, repo.root);
    expect(tty.code).toBe(0);
    expect(tty.status).toMatch(/execute {2}\[[#-]+\] 1\/40 tasks/);
    expect(tty.status).toContain("execute  [########################] 40/40 tasks");
    expect(tty.status.endsWith("\r\u001b[K")).toBe(true);
    expect(tty.out).not.toContain("[#");
    const json = await cli(["execute", "big", "--json"], env, true, repo.root);
    expect(json.code).toBe(0);
    expect(json.status).toBe("");
    expect(() => JSON.parse(json.out)).not.toThrow();
    const piped = await cli(["execute", "big"], env, false, repo.root);
    expect(piped.code).toBe(0);
    expect(piped.err + piped.out).not.toContain("[#");
    for (const quiet of [
      ["execute", "big", "--quiet"],
      ["-q", "execute", "big"],
    ]) {
      const run = await cli(quiet, env, true, repo.root);
      expect(run.code, run.err).toBe(0);
      expect(run.status).toBe("");
    }
  });

  it("import of a folder of spec folders shows the folders it reads; nothing when piped or with --json", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`specs/feature-${i}/tasks.md`] = `# Tasks\n\n- [ ] 1. Step of ${i}\n`;
    repo = scratchRepo(files);
    const tty = await cli(["import", "specs", "--id", "features"], repo.env, true, repo.root);
    expect(tty.code).toBe(0);
    expect(tty.out).toContain("id: features");
    expect(tty.status).toContain("import  [########################] 30/30 spec folders read");
    expect(tty.status.endsWith("\r\u001b[K")).toBe(true);
    const json = await cli(["import", "specs", "--id", "features", "--json"], repo.env, true, repo.root);
    expect(JSON.parse(json.out).ok).toBe(true);
    expect(json.status).toBe("");
    const piped = await cli(["import", "specs", "--id", "features"], repo.env, false, repo.root);
    expect(piped.out).toBe(tty.out);
    expect(piped.err).not.toContain("[#");
  });
});
