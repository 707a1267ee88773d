import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseLog } from "../../core/events/parse-log.js";
import { resealEvents } from "../helpers/log-builder.js";
import type { LogEvent } from "../../core/events/event.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { DESIGN, REQUIREMENTS, sampleFiles } from "../helpers/sample-plan.js";

const LOG = ".milestones/logs/m1.jsonl";
let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

/** T1's design rejected by alice, then approved by her; the log committed after each step. */
async function rejectedThenApproved(): Promise<ScratchRepo> {
  const r = scratchRepo(sampleFiles(), "milestone/m1");
  expect((await r.cli("execute", "m1")).code).toBe(0);
  r.git("add", "-A");
  r.git("commit", "-qm", "execute");
  r.write(".kiro/specs/first/design.md", DESIGN);
  expect((await r.cli("reject", "m1", "T1", "--reason", "no diagram", "--as", "alice")).code).toBe(0);
  r.git("add", "-A");
  r.git("commit", "-qm", "rejected");
  expect((await r.cli("approve", "m1", "T1", "--as", "alice")).code).toBe(0);
  r.git("add", "-A");
  r.git("commit", "-qm", "approved");
  return r;
}

/**
 * The log without its rejection, every later line sealed again, and the witness in `.git` rewritten
 * to the forged head (the trusted prefix removed): what the chain and the witness alone cannot tell.
 */
function forgeWithoutRejection(r: ScratchRepo): LogEvent {
  const events = parseLog(r.read(LOG), "m1").events;
  const rejection = events.find((e) => e.event === "phase_rejected") as LogEvent;
  const forged = resealEvents(events.filter((e) => e !== rejection));
  const last = forged.events.at(-1) as LogEvent;
  const head = { seq: last.seq, hash: last.hash };
  r.write(LOG, forged.text);
  const git = join(r.root, ".git", "phasegate");
  writeFileSync(join(git, "heads", encodeURIComponent("milestone/m1"), "m1.json"), JSON.stringify(head) + "\n");
  rmSync(join(git, "prefixes"), { recursive: true, force: true });
  return rejection;
}

describe("verify checks the log's git history (issue 15, item 9)", () => {
  it("finds a re-sealed forgery with the witness rewritten, against the committed log", async () => {
    repo = await rejectedThenApproved();
    expect((await repo.cli("verify", "m1")).code).toBe(0);
    const rejection = forgeWithoutRejection(repo);
    const head = repo.git("rev-parse", "--short=7", "HEAD").trim();
    const result = await repo.cli("verify", "m1");
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `evidence: ${LOG}: line ${rejection.seq} of the log committed at ${head} (phase_rejected T1 by alice) is not in the log`,
    );
    // Commands that write take the witness's word and the trusted prefix is gone: they still work.
    expect((await repo.cli("status", "m1")).code).toBe(0);
  });

  it("finds it once committed too, at the commit that rewrote the log", async () => {
    repo = await rejectedThenApproved();
    const parent = repo.git("rev-parse", "--short=7", "HEAD").trim();
    const rejection = forgeWithoutRejection(repo);
    repo.git("commit", "-qam", "tidy the log");
    const forged = repo.git("rev-parse", "--short=7", "HEAD").trim();
    const result = await repo.cli("verify", "m1", "--json");
    expect(result.code).toBe(1);
    const messages = JSON.parse(result.out).findings.map((f: { message: string }) => f.message);
    expect(messages).toContain(
      `commit ${forged}: line ${rejection.seq} of the log at commit ${parent} (phase_rejected T1 by alice) is not in the log: the log was rewritten from line ${rejection.seq}`,
    );
  });

  it("finds lines cut from the end and committed", async () => {
    repo = await rejectedThenApproved();
    const lines = repo.read(LOG).split("\n").filter(Boolean);
    repo.write(LOG, lines.slice(0, -1).join("\n") + "\n");
    repo.git("commit", "-qam", "shorter");
    rmSync(join(repo.root, ".git", "phasegate"), { recursive: true, force: true });
    const result = await repo.cli("verify", "m1");
    expect(result.code).toBe(1);
    expect(result.out).toContain(`the log ends at line ${lines.length - 1} but the log at commit`);
  });

  it("finds a forgery the session snapshot saw, when the log was never committed", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    expect((await repo.cli("execute", "m1")).code).toBe(0);
    repo.write(".kiro/specs/first/design.md", DESIGN);
    expect((await repo.cli("reject", "m1", "T1", "--reason", "no diagram", "--as", "alice")).code).toBe(0);
    expect((await repo.cli("approve", "m1", "T1", "--as", "alice")).code).toBe(0);
    // execute moves T1 on and saves the session snapshot, which records the log's head.
    repo.write(".kiro/specs/first/requirements.md", REQUIREMENTS);
    expect((await repo.cli("execute", "m1")).code).toBe(0);
    expect(repo.read(".milestones/sessions/s-test.yaml")).toMatch(/log:\n {2}seq: (\d\d|[6-9])\n/);
    forgeWithoutRejection(repo);
    const result = await repo.cli("verify", "m1");
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/evidence: line \d+ is not the one \.milestones\/sessions\/s-test\.yaml recorded/);
  });
});
