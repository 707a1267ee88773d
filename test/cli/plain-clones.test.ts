import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";
import { identityOf } from "../../core/events/merge-logs.js";
import { parseLog } from "../../core/events/parse-log.js";
import { gitEnv } from "../helpers/scratch-repo.js";
import { DESIGN, sampleFiles, SAMPLE_PLAN } from "../helpers/sample-plan.js";

// Issue 15, item 12: a bare origin, two plain `git clone`s (nothing registered by hand, no
// `phasegate` on PATH), each appends through the CLI, then both pull and push.
const LOG = ".milestones/logs/m1.jsonl";
const PLAN = SAMPLE_PLAN.replace("approvers: [alice]", "approvers: [alice, carol]");
let home: string;
afterEach(() => rmSync(home, { recursive: true, force: true }));

function place(cloneOptions: string[] = []) {
  home = mkdtempSync(join(tmpdir(), "phasegate-clones-"));
  const env = { ...gitEnv(home), PATH: process.env.PATH ?? "" };
  const run = (cwd: string, ...args: string[]) => execFileSync("git", args, { cwd, env, encoding: "utf8" });
  const origin = join(home, "origin.git");
  run(home, "init", "-q", "--bare", "-b", "main", origin);
  const seat = (name: string) => {
    const root = join(home, name);
    const git = (...args: string[]) => run(root, ...args);
    const cli = async (...args: string[]) => {
      let out = "";
      let err = "";
      const code = await main(
        args,
        { out: (t) => void (out += t), err: (t) => void (err += t), json: false },
        { cwd: root, env: { ...env, PHASEGATE_SESSION: `s-${name}` } },
      );
      return { code, out, err };
    };
    const write = (path: string, text: string) => writeFileSync(join(root, path), text);
    return { root, git, cli, write, read: (path = LOG) => readFileSync(join(root, path), "utf8") };
  };
  const clone = (name: string) => {
    run(home, "clone", "-q", ...cloneOptions, origin, name);
    const c = seat(name);
    c.git("switch", "-q", "milestone/m1");
    return c;
  };
  return { home, env, run, origin, seat, clone };
}

/** The origin holds the plan on main and the milestone branch with T1's design awaiting approval. */
async function seed(p: ReturnType<typeof place>) {
  p.run(p.home, "init", "-q", "-b", "main", "seed");
  const s = p.seat("seed");
  for (const [path, text] of Object.entries(sampleFiles(PLAN))) {
    execFileSync("mkdir", ["-p", join(s.root, path, "..")]);
    s.write(path, text);
  }
  s.git("add", "-A");
  s.git("commit", "-qm", "plan");
  s.git("remote", "add", "origin", p.origin);
  s.git("push", "-q", "origin", "main");
  s.git("fetch", "-q", "origin");
  s.git("remote", "set-head", "origin", "main");
  s.git("switch", "-q", "-c", "milestone/m1");
  expect((await s.cli("execute", "m1")).code).toBe(0);
  execFileSync("mkdir", ["-p", join(s.root, ".kiro/specs/first")]);
  s.write(".kiro/specs/first/design.md", DESIGN);
  expect((await s.cli("execute", "m1")).code).toBe(0);
  s.git("add", "-A");
  s.git("commit", "-qm", "design ready");
  s.git("push", "-q", "origin", "milestone/m1");
}

const identities = (text: string) => parseLog(text, "m1").events.map(identityOf);

describe("two plain clones of one origin", () => {
  for (const mode of ["--no-rebase", "--rebase"]) {
    it(`both append, checkpoint, pull (${mode}) and push: one verified log, every event once, the same in both`, async () => {
      const p = place();
      await seed(p);
      const a = p.clone("a");
      const b = p.clone("b");
      expect((await a.cli("claim", "m1", "T1", "--as", "bob")).code).toBe(0);
      expect((await a.cli("hold", "m1", "T1", "--as", "bob")).code).toBe(0);
      expect((await b.cli("hold", "m1", "T2", "--as", "carol")).code).toBe(0);
      const expected = new Set([...identities(a.read()), ...identities(b.read())]);
      for (const c of [a, b]) {
        expect((await c.cli("checkpoint", "m1", "--min-changes", "0")).code).toBe(0);
        // Nothing left modified: `git pull` would refuse to overwrite local changes.
        expect(c.git("status", "--porcelain")).toBe("");
      }
      a.git("push", "-q", "origin", "milestone/m1");
      b.git("pull", "-q", mode, "--no-edit", "origin", "milestone/m1");
      b.git("push", "-q", "origin", "milestone/m1");
      a.git("pull", "-q", mode, "--no-edit", "origin", "milestone/m1");
      expect(a.read()).toBe(b.read());
      const all = identities(a.read());
      expect(new Set(all).size).toBe(all.length);
      for (const id of expected) expect(all).toContain(id);
      for (const c of [a, b]) {
        expect((await c.cli("verify", "m1")).code).toBe(0);
        expect((await c.cli("status", "m1")).code).toBe(0);
        expect(c.git("status", "--porcelain")).toBe("");
      }
    });
  }

  it("an approval in one clone and a rejection of the same phase in the other: an audit finding in status and verify", async () => {
    const p = place();
    await seed(p);
    const a = p.clone("a");
    const b = p.clone("b");
    expect((await a.cli("approve", "m1", "T1", "--as", "alice")).code).toBe(0);
    expect((await b.cli("reject", "m1", "T1", "--as", "carol", "--reason", "not yet")).code).toBe(0);
    for (const c of [a, b]) expect((await c.cli("checkpoint", "m1", "--min-changes", "0")).code).toBe(0);
    a.git("push", "-q", "origin", "milestone/m1");
    b.git("pull", "-q", "--no-rebase", "--no-edit", "origin", "milestone/m1");
    const verify = await b.cli("verify", "m1");
    expect(verify.code).toBe(1);
    expect(verify.out + verify.err).toMatch(/conflicting decisions on T1 design/);
    const status = await b.cli("status", "m1", "--json");
    expect(status.code).toBe(1);
    expect(JSON.stringify(JSON.parse(status.out).log.problems)).toMatch(/conflicting decisions on T1 design/);
  });

  it("a clone with core.autocrlf=true, core.eol=crlf and `* text=auto eol=crlf` reads, writes and merges the log and plan", async () => {
    const p = place();
    await seed(p);
    const crlf = ["-c", "core.autocrlf=true", "-c", "core.eol=crlf"];
    p.run(p.home, "clone", "-q", ...crlf, p.origin, "a");
    const a = p.seat("a");
    a.git("switch", "-q", "milestone/m1");
    // Every text file CRLF, the log too: the user's line comes after Phasegate's.
    a.write(".gitattributes", `${a.read(".gitattributes")}* text=auto eol=crlf\n`);
    a.git("add", ".gitattributes");
    a.git("commit", "-qm", "crlf everywhere");
    a.git("rm", "-rq", "--cached", ".");
    a.git("reset", "-q", "--hard");
    a.git("push", "-q", "origin", "milestone/m1");
    expect(a.read(".milestones/m1.yaml")).toContain("\r\n");
    expect(a.read()).toContain("\r\n");
    const b = p.clone("b");
    expect((await a.cli("status", "m1")).err).toBe("");
    expect((await a.cli("claim", "m1", "T1", "--as", "bob")).err).toBe("");
    expect((await a.cli("approve", "m1", "T1", "--as", "alice")).err).toBe("");
    expect((await b.cli("hold", "m1", "T2", "--as", "carol")).err).toBe("");
    for (const c of [a, b]) {
      expect((await c.cli("checkpoint", "m1", "--min-changes", "0")).code).toBe(0);
      expect(c.git("status", "--porcelain")).toBe("");
    }
    b.git("push", "-q", "origin", "milestone/m1");
    a.git("pull", "-q", "--no-rebase", "--no-edit", "origin", "milestone/m1");
    expect(a.read()).toContain("\r\n");
    expect((await a.cli("verify", "m1")).code).toBe(0);
    expect((await a.cli("unhold", "m1", "T2", "--as", "bob")).err).toBe("");
    expect((await a.cli("checkpoint", "m1", "--min-changes", "0")).code).toBe(0);
    expect(a.git("status", "--porcelain")).toBe("");
    a.git("push", "-q", "origin", "milestone/m1");
    b.git("pull", "-q", "--no-rebase", "--no-edit", "origin", "milestone/m1");
    const lf = (text: string) => text.replaceAll("\r\n", "\n");
    expect(lf(a.read())).toBe(lf(b.read()));
    for (const c of [a, b]) expect((await c.cli("verify", "m1")).code).toBe(0);
    const events = parseLog(b.read(), "m1").events.map((e) => `${e.event} ${e.actor}`);
    for (const e of [
      "task_claimed bob",
      "phase_approved alice",
      "task_held carol",
      "task_unheld bob",
      "logs_merged phasegate",
    ])
      expect(events).toContain(e);
  });
});
