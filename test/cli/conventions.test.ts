import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { sampleFiles, SAMPLE_PLAN } from "../helpers/sample-plan.js";

const CLI = fileURLToPath(new URL("../../bin/phasegate.js", import.meta.url));
let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

/** Run the CLI in-process from another folder than the repository (for -C). */
async function cliFrom(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]) {
  let out = "";
  let err = "";
  const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), json: false };
  const code = await main(args, io, { cwd, env: { ...env, PHASEGATE_SESSION: "s-test" } });
  return { code, out, err };
}

describe("conventions", () => {
  it("takes global options before the command, as git does", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    const json = await cliFrom("/", repo.env, "-C", repo.root, "--json", "status", "m1");
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out).milestone.id).toBe("m1");
    const verbose = await cliFrom("/", repo.env, "-v", `-C${repo.root}`, "status", "m1");
    expect(verbose.code).toBe(0);
    expect(verbose.out).toContain("Milestone one");
  });

  it("suggests the nearest command, and answers usage errors in JSON under --json", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    const typo = await repo.cli("stauts", "m1");
    expect(typo.code).toBe(2);
    expect(typo.err).toMatch(/unknown command "stauts"; did you mean "status"\?/);
    const json = await repo.cli("--json", "status", "m1", "--bogus");
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, error: "usage" });
  });

  it("status without a milestone lists every milestone, in JSON too", async () => {
    repo = scratchRepo({ ...sampleFiles(), ".milestones/m2.yaml": SAMPLE_PLAN.replace("id: m1", "id: m2") });
    await repo.cli("activate", "m1");
    const text = await repo.cli("status");
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^m1 +in_progress +0\.0% +0\/2/m);
    expect(text.out).toMatch(/^m2 +planned/m);
    const json = JSON.parse((await repo.cli("status", "--json")).out) as { milestones: { id: string }[] };
    expect(json.milestones.map((m) => m.id)).toEqual(["m1", "m2"]);
  });

  it("refuses empty or overlong session ids and actor names that are not GitHub logins", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    for (const args of [
      ["--session", "x".repeat(300)],
      ["--session", ""],
      ["--as", ""],
      ["--as", "-bad"],
      ["--as", "a\u001b]0;pwned\u0007"],
    ]) {
      const result = await repo.cli("activate", "m1", ...args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.err).not.toMatch(/ENAMETOOLONG/);
      expect(result.err).not.toContain("\u001b");
    }
    expect((await repo.cli("activate", "m1", "--as", "dependabot[bot]")).code).toBe(0);
    const missing = await repo.cli("sessions", "show", "nope");
    expect(missing.code).toBe(1);
  });

  it("escapes control characters in titles on the terminal, and keeps them exact in JSON", async () => {
    repo = scratchRepo(sampleFiles(SAMPLE_PLAN.replace("title: First task", 'title: "First \\e]0;owned\\a task"')));
    const text = await repo.cli("status", "m1");
    expect(text.out).not.toContain("\u001b");
    expect(text.out).toContain("First \\x1b]0;owned\\x07 task");
    const json = JSON.parse((await repo.cli("status", "m1", "--json")).out) as { tasks: { title: string }[] };
    expect(json.tasks[0]?.title).toBe("First \u001b]0;owned\u0007 task");
  });

  it("ends quietly when stdout is closed early (status | head -c1)", () => {
    const tasks = Array.from({ length: 1500 }, (_, i) => `  - id: T${i}\n    title: Task ${i}\n    spec: s${i}\n`);
    repo = scratchRepo(sampleFiles(`version: 1\nid: m1\ntitle: Big\ntasks:\n${tasks.join("")}`), "milestone/m1");
    const result = spawnSync("sh", ["-c", `"${process.execPath}" "${CLI}" status m1 | head -c1`], {
      cwd: repo.root,
      env: repo.env,
      encoding: "utf8",
    });
    expect(result.stderr).not.toMatch(/EPIPE|at /);
  });
});
