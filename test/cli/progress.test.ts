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
    expect(verbose.err).toMatch(/phasegate debug: GET \/repos\/acme\/rocket\/.* - 404 with id/);
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
