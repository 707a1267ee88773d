import { afterEach, describe, expect, it } from "vitest";
import {
  activate,
  CommandRefused,
  MilestoneHandle,
  parseLog,
  reject,
  sealEvent,
  setHold,
  startTask,
  type LogEvent,
} from "../../core/index.js";
import { main } from "../../cli/main.js";
import {
  commentPayload,
  createHarness,
  DESIGN,
  LOG_PATH,
  OWNER,
  PLAN_PATH,
  planYaml,
  pullPayload,
  REPO,
  type Harness,
} from "../app/app-harness.js";
import { resealEvents } from "../helpers/log-builder.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";

const BRANCH = "milestone/m1";
const ANCHOR = "refs/phasegate/anchors/m1";
const clones: ScratchRepo[] = [];
afterEach(() => {
  for (const clone of clones.splice(0)) clone.cleanup();
});

/**
 * m1 active, T1 in design, rejected by alice and by carol at the same moment (two writers racing):
 * every step written through the GitHub adapter the App and the Action use.
 */
async function milestoneOnGitHub(): Promise<Harness> {
  const h = await createHarness({ [PLAN_PATH]: planYaml({ approvers: ["alice", "carol"] }) });
  const ctx = h.core("bob");
  const handle = await MilestoneHandle.open(ctx, "m1");
  await activate(ctx, handle);
  await startTask(ctx, handle, { taskId: "T1" });
  h.gh.commitFiles(OWNER, REPO, BRANCH, { ".kiro/specs/first/design.md": DESIGN }, "Design of T1");
  const [alice, carol] = [h.core("alice"), h.core("carol")];
  const [a, c] = await Promise.all([MilestoneHandle.open(alice, "m1"), MilestoneHandle.open(carol, "m1")]);
  await Promise.all([
    reject(alice, a, { taskId: "T1", reason: "too thin" }),
    reject(carol, c, { taskId: "T1", reason: "no diagram" }),
  ]);
  return h;
}

/** A fresh clone of acme/rocket with the milestone branch checked out, the log as `log` says (GitHub's by default). */
function cloneOf(h: Harness, log = h.gh.readFile(OWNER, REPO, BRANCH, LOG_PATH) ?? ""): ScratchRepo {
  const clone = scratchRepo({ [PLAN_PATH]: h.gh.readFile(OWNER, REPO, "main", PLAN_PATH) ?? "" }, BRANCH);
  clones.push(clone);
  clone.write(LOG_PATH, log);
  clone.git("add", "-A");
  clone.git("commit", "-qm", "The milestone branch as cloned");
  return clone;
}

async function verifyAgainstGitHub(h: Harness, clone: ScratchRepo, ...extra: string[]) {
  let [out, err] = ["", ""];
  const code = await main(
    ["verify", "m1", "--against", "github", "--repo", `${OWNER}/${REPO}`, ...extra],
    { out: (t) => void (out += t), err: (t) => void (err += t), json: false },
    { cwd: clone.root, env: { ...clone.env, GITHUB_TOKEN: h.gh.tokenFor("alice") }, fetch: h.gh.fetch },
  );
  return { code, out, err };
}

/** The log without the events `drop` picks, `change` applied, every later line sealed again: a chain that verifies. */
function reseal(text: string, drop: (e: LogEvent) => boolean, change = (e: LogEvent) => e): string {
  return resealEvents(
    parseLog(text, "m1")
      .events.filter((e) => !drop(e))
      .map(change),
  ).text;
}

/** `text` with one more event sealed after its last: what a push from a clone adds. */
function grownByOne(text: string): string {
  const last = parseLog(text, "m1").events.at(-1) as LogEvent;
  const body = { ...last, seq: last.seq + 1, prev: last.hash, event: "session_saved" as const, details: {} };
  delete (body as { hash?: string }).hash;
  return text + sealEvent(body).line + "\n";
}

function pushLog(h: Harness, text: string): string {
  return h.gh.commitFiles(OWNER, REPO, BRANCH, { [LOG_PATH]: text }, "Someone with write access pushes the log");
}

describe("verify --against github (ADR 19)", () => {
  it("an honest run, two writes racing included, passes with no finding and no note", async () => {
    const h = await milestoneOnGitHub();
    const events = parseLog(h.gh.readFile(OWNER, REPO, BRANCH, LOG_PATH) ?? "", "m1").events;
    expect(
      events
        .filter((e) => e.event === "phase_rejected")
        .map((e) => e.actor)
        .sort(),
    ).toEqual(["alice", "carol"]);
    // The anchor is the branch's head: the write that lost the race did not move it back.
    expect(h.gh.repo(OWNER, REPO).refs[ANCHOR]).toBe(h.gh.resolve(OWNER, REPO, BRANCH));
    const result = await verifyAgainstGitHub(h, cloneOf(h));
    expect(result.err).toBe("");
    expect(result.out).toContain(`github: the log extends the anchored head (${events.length} events at`);
    expect(result.code).toBe(0);
    expect(h.gh.violations).toEqual([]);
  });

  it("a deleted rejection, re-sealed and pushed, passes a plain verify in a fresh clone but not --against github", async () => {
    const h = await milestoneOnGitHub();
    const honest = h.gh.readFile(OWNER, REPO, BRANCH, LOG_PATH) ?? "";
    const first = parseLog(honest, "m1").events.find((e) => e.event === "phase_rejected") as LogEvent;
    // The first of the two rejections: the other one after it is sealed again.
    const forged = reseal(honest, (e) => e.hash === first.hash);
    pushLog(h, forged);
    const clone = cloneOf(h);
    // The chain and the audit alone cannot tell: the forgery is sealed and breaks no rule.
    const plain = await clone.cli("verify", "m1");
    expect(plain.code).toBe(0);
    const result = await verifyAgainstGitHub(h, clone);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `milestone/m1 on GitHub: line ${first.seq} of the log GitHub anchored at commit ${h.gh.repo(OWNER, REPO).refs[ANCHOR]?.slice(0, 7)}`,
    );
    expect(result.out).toContain(`(phase_rejected T1 by ${first.actor}) is not in the log`);
  });

  it("a made-up approval in place of a rejection is found, and so is the clone's own copy", async () => {
    const h = await milestoneOnGitHub();
    const honest = h.gh.readFile(OWNER, REPO, BRANCH, LOG_PATH) ?? "";
    const forged = reseal(
      honest,
      () => false,
      (e) => (e.event === "phase_rejected" && e.actor === "alice" ? { ...e, event: "phase_approved", details: {} } : e),
    );
    // Only the clone holds the forgery (not pushed): GitHub's branch is fine, the clone's log is not.
    const result = await verifyAgainstGitHub(h, cloneOf(h, forged), "--json");
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out);
    expect(report.verified).toBe(false);
    expect(report.findings.map((f: { message: string }) => f.message).join("\n")).toMatch(
      /^\.milestones\/logs\/m1\.jsonl: line \d+ of the log GitHub anchored .* \(phase_rejected T1 by alice\)/m,
    );
    expect(report.anchor).toMatchObject({ commit: h.gh.resolve(OWNER, REPO, BRANCH) });
  });

  it("a forgery pushed on top of Phasegate's last write: the next step is refused and writes nothing", async () => {
    const h = await milestoneOnGitHub();
    const honest = h.gh.readFile(OWNER, REPO, BRANCH, LOG_PATH) ?? "";
    const anchor = h.gh.repo(OWNER, REPO).refs[ANCHOR];
    const first = parseLog(honest, "m1").events.find((e) => e.event === "phase_rejected") as LogEvent;
    // Not force-pushed: a plain commit on top of the anchored one, so the branch still descends from it.
    const forged = pushLog(
      h,
      reseal(honest, (e) => e.hash === first.hash),
    );
    const bob = h.core("bob");
    const handle = await MilestoneHandle.open(bob, "m1");
    const refused = await setHold(bob, handle, { taskId: "T1", hold: true }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CommandRefused);
    expect(refused).toMatchObject({ code: "log-tampered", data: { type: "log_tampered", anchor } });
    expect((refused as CommandRefused).reason).toContain(`(phase_rejected T1 by ${first.actor}) is not in the log`);
    // Nothing written: the branch is the forgery, the anchor still Phasegate's last step.
    expect(h.gh.resolve(OWNER, REPO, BRANCH)).toBe(forged);
    expect(h.gh.repo(OWNER, REPO).refs[ANCHOR]).toBe(anchor);
    expect(h.gh.violations).toEqual([]);
  });

  it("a forgery the anchor was moved past (by hand) is still found in a clone's history", async () => {
    const h = await milestoneOnGitHub();
    const honest = h.gh.readFile(OWNER, REPO, BRANCH, LOG_PATH) ?? "";
    const first = parseLog(honest, "m1").events.find((e) => e.event === "phase_rejected") as LogEvent;
    const forged = pushLog(
      h,
      reseal(honest, (e) => e.hash === first.hash),
    );
    // Anyone with contents access can move the anchor too (ADR 19: it has no provenance).
    h.gh.repo(OWNER, REPO).raw.refs.set(ANCHOR, forged);
    const bob = h.core("bob");
    await setHold(bob, await MilestoneHandle.open(bob, "m1"), { taskId: "T1", hold: true });
    const now = h.gh.readFile(OWNER, REPO, BRANCH, LOG_PATH) ?? "";
    expect(h.gh.repo(OWNER, REPO).refs[ANCHOR]).toBe(h.gh.resolve(OWNER, REPO, BRANCH));
    // A clone has the branch's history: the honest version, then the one the push rewrote.
    const clone = cloneOf(h, honest);
    const before = clone.git("rev-parse", "--short=7", "HEAD").trim();
    clone.write(LOG_PATH, now);
    clone.git("commit", "-qam", "The pushed rewrite and the step after it");
    const result = await verifyAgainstGitHub(h, clone);
    expect(result.code).toBe(1);
    expect(result.out).toContain("github: the log extends the anchored head");
    expect(result.out).toContain(
      `line ${first.seq} of the log at commit ${before} (phase_rejected T1 by ${first.actor})`,
    );
  });

  it("a log that grew on top of the anchor (a push from a clone) is written on, at no extra request", async () => {
    const h = await milestoneOnGitHub();
    const honest = h.gh.readFile(OWNER, REPO, BRANCH, LOG_PATH) ?? "";
    pushLog(h, grownByOne(honest));
    const bob = h.core("bob");
    h.gh.resetLog();
    await setHold(bob, await MilestoneHandle.open(bob, "m1"), { taskId: "T1", hold: true });
    expect(h.gh.readFile(OWNER, REPO, BRANCH, LOG_PATH)).toContain('"event":"task_held"');
    expect(h.gh.repo(OWNER, REPO).refs[ANCHOR]).toBe(h.gh.resolve(OWNER, REPO, BRANCH));
    // The anchor came with the query that read the plan and the log; the anchored log is where the
    // branch's log starts, so it needs no read of its own.
    expect(h.gh.count({ operation: "git/get-ref" })).toBe(0);
    expect(h.gh.count({ operation: "git/get-blob" })).toBe(0);
    expect(h.gh.count({ operation: "graphql/query" })).toBe(1);
    expect(h.gh.violations).toEqual([]);
  });

  it("creating the branch reads no anchor of its own; a deleted branch is not started again over its anchor", async () => {
    const fresh = await createHarness({ [PLAN_PATH]: planYaml() });
    const ctx = fresh.core("bob");
    fresh.gh.resetLog();
    await activate(ctx, await MilestoneHandle.open(ctx, "m1"));
    expect(fresh.gh.count({ operation: "git/get-ref" })).toBe(0);
    expect(fresh.gh.repo(OWNER, REPO).refs[ANCHOR]).toBe(fresh.gh.resolve(OWNER, REPO, BRANCH));

    const h = await milestoneOnGitHub();
    const anchor = h.gh.repo(OWNER, REPO).refs[ANCHOR];
    // Deleting the branch deletes its rejections: the anchor, outside it, still holds them.
    h.gh.repo(OWNER, REPO).raw.refs.delete(`refs/heads/${BRANCH}`);
    const bob = h.core("bob");
    const refused = await activate(bob, await MilestoneHandle.open(bob, "m1")).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "log-tampered", data: { anchor } });
    expect((refused as CommandRefused).reason).toContain("lines were removed from the end");
    expect(h.gh.resolve(OWNER, REPO, BRANCH)).toBeUndefined();
    expect(h.gh.repo(OWNER, REPO).refs[ANCHOR]).toBe(anchor);
  });

  it("a truncated log committed to the branch is found in a fresh clone", async () => {
    const h = await milestoneOnGitHub();
    const lines = (h.gh.readFile(OWNER, REPO, BRANCH, LOG_PATH) ?? "").split("\n").filter(Boolean);
    pushLog(h, lines.slice(0, -2).join("\n") + "\n");
    const clone = cloneOf(h);
    expect((await clone.cli("verify", "m1")).code).toBe(0);
    const result = await verifyAgainstGitHub(h, clone);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `milestone/m1 on GitHub: the log ends at line ${lines.length - 2} but the log GitHub anchored at commit`,
    );
    expect(result.out).toContain(`has ${lines.length} lines: lines were removed from the end`);
  });

  it("a branch that grew past the anchor by a push passes with a note; a clone behind it gets one too", async () => {
    const h = await milestoneOnGitHub();
    const honest = h.gh.readFile(OWNER, REPO, BRANCH, LOG_PATH) ?? "";
    pushLog(h, grownByOne(honest));
    const ahead = await verifyAgainstGitHub(h, cloneOf(h));
    expect(ahead.code).toBe(0);
    expect(ahead.err).toContain("milestone/m1 on GitHub has 1 event(s) after the anchor");
    const behind = await verifyAgainstGitHub(h, cloneOf(h, honest.split("\n").slice(0, 2).join("\n") + "\n"));
    expect(behind.code).toBe(0);
    expect(behind.err).toMatch(/this copy's log is \d+ event\(s\) behind the anchor: pull milestone\/m1/);
  });

  it("says so when GitHub keeps no anchor, and refuses another --against", async () => {
    const h = await milestoneOnGitHub();
    h.gh.repo(OWNER, REPO).raw.refs.delete(ANCHOR);
    const result = await verifyAgainstGitHub(h, cloneOf(h));
    expect(result.code).toBe(0);
    expect(result.err).toContain("GitHub keeps no anchor for m1");
    const clone = cloneOf(h);
    expect((await clone.cli("verify", "m1", "--against", "gitlab")).code).toBe(2);
  });
});

describe("verify re-checks who overrode the merge gate (ADR 36)", () => {
  /** dana (maintain) overrides the gate on a pull request linked to T1, through the App. */
  async function overridden() {
    const h = await milestoneOnGitHub();
    h.gh.setPermission(OWNER, REPO, "dana", "maintain");
    const pr = pullPayload(h, { head: "hotfix", files: { "src/fix.ts": "fix\n" }, body: "Phasegate-Task: m1/T1" });
    await h.deliver(
      "issue_comment",
      await commentPayload(h, pr.number, "/override-gate prod is down", "dana", { pull: true }),
    );
    expect(h.gh.violations).toEqual([]);
    const log = h.gh.readFile(OWNER, REPO, BRANCH, LOG_PATH) ?? "";
    const events = parseLog(log, "m1").events;
    const line = events.find((e) => e.event === "gate_overridden" && e.actor === "dana")?.seq;
    expect(line).toBeDefined();
    return { h, pr, log, line: line as number, last: events.at(-1) as LogEvent };
  }

  /** `text` with a `gate_overridden` by `actor` sealed after its last line, as someone with write access can push it. */
  function forgedOverride(text: string, last: LogEvent, actor: string, details: LogEvent["details"]): string {
    const body = {
      ...last,
      seq: last.seq + 1,
      prev: last.hash,
      actor,
      event: "gate_overridden" as const,
      details: { ...details, plan_version: last.details.plan_version ?? null },
    };
    delete (body as { hash?: string }).hash;
    delete (body as { task_id?: string }).task_id;
    delete (body as { phase?: string }).phase;
    return text + sealEvent(body).line + "\n";
  }

  it("an override by someone without maintain access is a finding against GitHub, a note without it", async () => {
    const { h, pr, log, line, last } = await overridden();
    const details = { pr: pr.number, sha: pr.sha, reason: "I say so", tasks: ["T1"] };
    const clone = cloneOf(h, forgedOverride(log, last, "mallory", details));
    const forgedLine = last.seq + 1;

    // A plain verify cannot ask GitHub: each override is named in a note, none passes silently.
    const plain = await clone.cli("verify", "m1");
    expect(plain.code).toBe(0);
    expect(plain.err).toContain(
      `note: line ${line}: dana overrode phasegate/gate for #${pr.number}; whether dana had maintain access cannot be checked here`,
    );
    expect(plain.err).toContain(`note: line ${forgedLine}: mallory overrode phasegate/gate for #${pr.number};`);

    // Against GitHub: mallory has read access, dana maintain.
    const result = await verifyAgainstGitHub(h, clone);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `line ${forgedLine}: mallory overrode phasegate/gate for #${pr.number} at ${pr.sha.slice(0, 7)}, but has read access on GitHub; override-gate needs maintain`,
    );
    expect(result.out).not.toContain("dana overrode");
    expect(result.err).not.toContain("dana overrode");
    expect(h.gh.violations).toEqual([]);
  });

  it("an override without a reason is a finding of the audit itself, in status too", async () => {
    const { h, pr, log, last } = await overridden();
    const clone = cloneOf(
      h,
      forgedOverride(log, last, "dana", { pr: pr.number, sha: pr.sha, reason: "", tasks: ["T1"] }),
    );
    const result = await clone.cli("verify", "m1");
    expect(result.code).toBe(1);
    expect(result.out).toContain(`line ${last.seq + 1}: dana overrode phasegate/gate, but it has no reason`);
    const status = await clone.cli("status", "m1");
    expect(status.code).toBe(1);
  });

  it("an honest override passes verify --against github with no finding", async () => {
    const { h } = await overridden();
    const result = await verifyAgainstGitHub(h, cloneOf(h));
    expect(result.code).toBe(0);
    expect(result.err).not.toContain("overrode");
  });
});
