import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";
import { openLocalContext } from "../../cli/local-context.js";
import { MilestoneHandle, setHold } from "../../core/index.js";
import { identityOf } from "../../core/events/merge-logs.js";
import { parseLog } from "../../core/events/parse-log.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { sampleFiles } from "../helpers/sample-plan.js";

const LOG = ".milestones/logs/m1.jsonl";
const BIN = fileURLToPath(new URL("../../bin/phasegate.js", import.meta.url));
let origin: ScratchRepo;
const clones: string[] = [];
afterEach(() => {
  origin?.cleanup();
  for (const root of clones.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A clone of `origin` on the milestone branch, with `phasegate` on PATH for git's merge driver. */
function clone(name: string) {
  const root = join(origin.root, "..", `${origin.root.split("/").at(-1)}-${name}`);
  const shims = join(origin.root, ".shims");
  mkdirSync(shims, { recursive: true });
  writeFileSync(join(shims, "phasegate"), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(shims, "phasegate"), 0o755);
  const env = { ...origin.env, PATH: `${shims}:${process.env.PATH ?? ""}` };
  execFileSync("git", ["clone", "-q", "-b", "milestone/m1", origin.root, root], { env });
  clones.push(root);
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, env, encoding: "utf8" });
  git("remote", "set-head", "origin", "main");
  const cli = async (...args: string[]) => {
    let err = "";
    const code = await main(
      args,
      { out: () => undefined, err: (t) => void (err += t), json: false },
      { cwd: root, env },
    );
    return { code, err };
  };
  return { root, git, cli, read: () => readFileSync(join(root, LOG), "utf8") };
}

/** `count` hold/unhold events on `task` by `actor`, through the core against the clone's LocalRepo. */
async function holdAndUnhold(root: string, actor: string, task: string, count: number) {
  const ctx = await openLocalContext({ cwd: root, actor, session: `s-${actor}`, verbose: false, env: {} });
  const handle = await MilestoneHandle.open(ctx, "m1");
  for (let i = 0; i < count; i++) await setHold(ctx, handle, { taskId: task, hold: i % 2 === 0 });
}

async function twoClones() {
  origin = scratchRepo(sampleFiles(), "milestone/m1");
  await origin.cli("activate", "m1");
  origin.git("add", "-A");
  origin.git("commit", "-qm", "activate");
  const a = clone("a");
  const b = clone("b");
  for (const c of [a, b]) expect((await c.cli("checkpoint", "m1", "--min-changes", "0")).code).toBe(0);
  return { a, b };
}

const identities = (text: string) => parseLog(text, "m1").events.map(identityOf);

describe("a log that merges (two clones appending concurrently)", () => {
  it("git merge keeps all 200 events of both clones in one verified chain, and claims cross over", async () => {
    const { a, b } = await twoClones();
    expect(a.git("config", "--get", "merge.phasegate-log.driver")).toMatch(/bin\/phasegate.js. merge-log %O %A %B %P/);
    expect((await a.cli("claim", "m1", "T1", "--as", "bob")).code).toBe(0);
    await holdAndUnhold(a.root, "alice", "T1", 99);
    await holdAndUnhold(b.root, "carol", "T2", 100);
    const fromA = identities(a.read());
    const fromB = identities(b.read());
    a.git("commit", "-qam", "a's events");
    b.git("commit", "-qam", "b's events");

    b.git("pull", "-q", "--no-rebase", "--no-edit", a.root, "milestone/m1");
    const merged = parseLog(b.read(), "m1");
    expect(merged.problem).toBeUndefined();
    const all = merged.events.map(identityOf);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining([...fromA, ...fromB]));
    // 100 events in each clone: bob's claim and alice's 99 holds in A, carol's 100 in B.
    const byClone = merged.events.filter((e) => ["s-alice", "s-carol"].includes(e.session_id));
    const claims = merged.events.filter((e) => e.event === "task_claimed" && e.actor === "bob");
    expect(byClone.length + claims.length).toBe(200);
    expect(merged.events.filter((e) => e.event === "logs_merged")).toHaveLength(1);
    const status = await b.cli("status", "m1");
    expect(status.code).toBe(0);
    const view = JSON.parse(await jsonStatus(b.root, b.cli));
    expect(view.log.verified).toBe(true);
    expect(view.claims.map((c: { task: string; by: string }) => [c.task, c.by])).toEqual([["T1", "bob"]]);
    // The history check of `verify` takes a merge for what it is: both sides' events are kept.
    expect(await b.cli("verify", "m1")).toEqual({ code: 0, err: "" });
  });

  it("a rebase keeps every event too, and the rebased clone's remembered head still verifies", async () => {
    const { a, b } = await twoClones();
    await holdAndUnhold(a.root, "alice", "T1", 5);
    a.git("commit", "-qam", "a: 5 events");
    await holdAndUnhold(a.root, "alice", "T1", 4);
    a.git("commit", "-qam", "a: 4 more");
    await holdAndUnhold(b.root, "carol", "T2", 7);
    b.git("commit", "-qam", "b: 7 events");
    const expected = new Set([...identities(a.read()), ...identities(b.read())]);
    a.git("pull", "-q", "--rebase", b.root, "milestone/m1");
    const rebased = parseLog(a.read(), "m1");
    expect(rebased.problem).toBeUndefined();
    const all = rebased.events.map(identityOf);
    expect(new Set(all).size).toBe(all.length);
    for (const id of expected) expect(all).toContain(id);
    expect((await a.cli("status", "m1")).code).toBe(0);
    expect((await a.cli("hold", "m1", "T1", "--as", "alice")).code).toBe(0);
    a.git("commit", "-qam", "a: one more");
    expect(await a.cli("verify", "m1")).toEqual({ code: 0, err: "" });
  });
});

async function jsonStatus(root: string, _cli: unknown): Promise<string> {
  let out = "";
  await main(
    ["status", "m1", "--json"],
    { out: (t) => void (out += t), err: () => undefined, json: false },
    { cwd: root, env: origin.env },
  );
  return out;
}
