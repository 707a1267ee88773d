import {
  closeSync,
  existsSync,
  openSync,
  rmSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fold, parseLog, parsePlan, StateFolder } from "../../core/index.js";
import { parseRows, renderRows } from "../../core/events/lazy-rows.js";
import { buildLog } from "../helpers/log-builder.js";
import { sampleFiles, SAMPLE_PLAN } from "../helpers/sample-plan.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";

const LOG = ".milestones/logs/m1.jsonl";
let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

/**
 * A milestone with a log and a trusted prefix: execute writes; a writer that finds no prefix for the
 * log as it is (the bytes execute appended after its own read are not a verified read) verifies the
 * whole log and records it.
 */
async function started(): Promise<ScratchRepo> {
  const r = scratchRepo(sampleFiles(), "milestone/m1");
  expect((await r.cli("execute", "m1")).code).toBe(0);
  rmSync(join(r.root, ".git", "phasegate", "prefixes"), { recursive: true, force: true });
  expect((await r.cli("claim", "m1", "T1", "--as", "bob")).code).toBe(0);
  return r;
}

/** Overwrite bytes at `offset` in place: the same file (inode) and length, as an editor saving in place does. */
function patchInPlace(r: ScratchRepo, offset: number, text: string): void {
  const fd = openSync(join(r.root, LOG), "r+");
  writeSync(fd, text, offset);
  closeSync(fd);
}

/** Byte offset of line `n` (1-based) and the line. */
function lineAt(r: ScratchRepo, n: number): { offset: number; line: string } {
  const lines = r.read(LOG).split("\n");
  const offset = lines.slice(0, n - 1).reduce((sum, l) => sum + Buffer.byteLength(l) + 1, 0);
  return { offset, line: lines[n - 1] as string };
}

function prefixFile(r: ScratchRepo): { seq: number; bytes: number; state: unknown } {
  const dir = join(r.root, ".git", "phasegate", "prefixes", encodeURIComponent("milestone/m1"));
  expect(readdirSync(dir)).toEqual(["m1.json"]);
  // Laid out in rows (ADR 32): the head, then each task state on its own line.
  const parsed = parseRows(readFileSync(join(dir, "m1.json"), "utf8"), false);
  const { prefix } = parsed?.head as { prefix: { seq: number; bytes: number; state: object } };
  return { ...prefix, state: { ...prefix.state, tasks: parsed?.rows } };
}

describe("a writer verifies only what was appended after the trusted prefix", () => {
  it("a writer records the prefix: the whole log's length, seq and fold; status and verify record none", async () => {
    const reader = scratchRepo(sampleFiles(), "milestone/m1");
    await reader.cli("execute", "m1");
    rmSync(join(reader.root, ".git", "phasegate", "prefixes"), { recursive: true, force: true });
    await reader.cli("status", "m1");
    await reader.cli("verify", "m1");
    expect(existsSync(join(reader.root, ".git", "phasegate", "prefixes"))).toBe(false);
    reader.cleanup();
    repo = await started();
    const { events } = parseLog(repo.read(LOG), "m1");
    const prefix = prefixFile(repo);
    // Recorded when the claim read the log, before its own line.
    expect(prefix.seq).toBe(events.length - 1);
    const lines = repo.read(LOG).split("\n").slice(0, prefix.seq);
    expect(prefix.bytes).toBe(Buffer.byteLength(lines.join("\n") + "\n"));
    const plan = parsePlan(SAMPLE_PLAN, ".milestones/m1.yaml").plan!;
    expect(JSON.parse(JSON.stringify(fold(plan, events.slice(0, prefix.seq))))).toEqual(prefix.state);
  });

  it("an in-place edit of an earlier line does not reach a writer's decision; verify and status report it", async () => {
    repo = await started();
    const { offset, line } = lineAt(repo, 1);
    const at = line.indexOf('"timestamp":"') + '"timestamp":"'.length + 3;
    patchInPlace(repo, offset + at, line[at] === "9" ? "8" : "9");
    // The decision uses the state folded from the verified prefix, not the edited bytes.
    const claim = await repo.cli("claim", "m1", "T1", "--as", "bob");
    expect(claim.code).toBe(0);
    const verify = await repo.cli("verify", "m1");
    expect(verify.code).toBe(1);
    expect(verify.out).toContain("line 1 was modified");
    const status = await repo.cli("status", "m1", "--json");
    expect(status.code).toBe(1);
    expect(JSON.parse(status.out).log.problem).toMatch(/line 1 was modified/);
  });

  it("a stored task state damaged in place is no prefix for a writer that reads every task: it verifies in full", async () => {
    repo = await started();
    const file = join(repo.root, ".git", "phasegate", "prefixes", "milestone%2Fm1", "m1.json");
    const lines = readFileSync(file, "utf8").split("\n");
    // The last row keeps its length (the index still matches), but no longer parses.
    lines[lines.length - 2] = "x".repeat((lines[lines.length - 2] as string).length);
    writeFileSync(file, lines.join("\n"));
    const run = await repo.cli("execute", "m1", "-v");
    expect(run.code, run.err).toBe(0);
    expect(run.err).not.toMatch(/after the trusted prefix/);
    expect((await repo.cli("verify", "m1")).code).toBe(0);
  });

  it("a stored task state damaged in place fails a narrow command that uses it, with a clear error, and writes nothing", async () => {
    repo = await started();
    const file = join(repo.root, ".git", "phasegate", "prefixes", "milestone%2Fm1", "m1.json");
    const lines = readFileSync(file, "utf8").split("\n");
    const t1 = lines.findIndex((line) => line.startsWith('{"id":"T1"'));
    lines[t1] = "x".repeat((lines[t1] as string).length);
    writeFileSync(file, lines.join("\n"));
    const log = repo.read(LOG);
    const run = await repo.cli("claim", "m1", "T1", "--as", "bob");
    expect(run.code).not.toBe(0);
    expect(run.err).toMatch(/a stored row does not parse \(x+…\); it is rebuilt when removed/);
    expect(repo.read(LOG)).toBe(log);
  });

  it.skipIf(!existsSync("/proc/self/fd"))("narrow commands leave no file open (ADR 41)", async () => {
    repo = await started();
    const openFiles = () => readdirSync("/proc/self/fd").length;
    const before = openFiles();
    for (const who of ["bob", "bob", "bob"]) expect((await repo.cli("claim", "m1", "T1", "--as", who)).code).toBe(0);
    expect((await repo.cli("release", "m1", "T1", "--as", "bob")).code).toBe(0);
    expect(openFiles()).toBeLessThanOrEqual(before);
  });

  it("every other change falls back to a full verification, which refuses", async () => {
    const variants: Array<[string, (r: ScratchRepo) => void, RegExp]> = [
      [
        "the same edit saved as a new file (rename)",
        (r) => {
          const { offset, line } = lineAt(r, 1);
          const text = r.read(LOG);
          const at = offset + line.indexOf('"actor":"') + '"actor":"'.length;
          writeFileSync(join(r.root, `${LOG}.new`), text.slice(0, at) + "X" + text.slice(at + 1));
          renameSync(join(r.root, `${LOG}.new`), join(r.root, LOG));
        },
        /line 1 was modified/,
      ],
      [
        "the prefix's last line edited in place",
        (r) => {
          const n = r.read(LOG).split("\n").length - 1;
          const { offset, line } = lineAt(r, n);
          const at = line.indexOf('"actor":"') + '"actor":"'.length;
          patchInPlace(r, offset + at, "X");
        },
        /was modified/,
      ],
      [
        "the last line cut off (same file, shorter)",
        (r) => {
          const text = r.read(LOG);
          writeFileSync(join(r.root, LOG), text.slice(0, text.lastIndexOf("\n", text.length - 2) + 1));
        },
        /last verified head/,
      ],
      [
        "a line appended by hand that does not verify",
        (r) => writeFileSync(join(r.root, LOG), r.read(LOG) + '{"v":1,"seq":999}\n'),
        /line \d+ /,
      ],
      [
        "every line replaced by an equally long forged log",
        (r) => {
          const text = r.read(LOG);
          writeFileSync(join(r.root, LOG), text.replace(/"actor":"bob"/g, '"actor":"eve"'));
        },
        /was modified/,
      ],
    ];
    for (const [name, tamper, message] of variants) {
      repo?.cleanup();
      repo = await started();
      tamper(repo);
      const claim = await repo.cli("claim", "m1", "T1", "--as", "bob");
      expect(claim.code, name).toBe(1);
      expect(claim.err, name).toMatch(message);
      expect((await repo.cli("verify", "m1")).code, name).toBe(1);
    }
  });

  it("blank lines and CRLF appended after the prefix are read as the whole log reads them, and tidied", async () => {
    repo = await started();
    writeFileSync(join(repo.root, LOG), repo.read(LOG).replace(/\n/g, "\r\n") + "\r\n\r\n");
    const claim = await repo.cli("claim", "m1", "T1", "--as", "bob");
    expect(claim.code).toBe(0);
    expect(repo.read(LOG)).not.toContain("\r");
    expect((await repo.cli("verify", "m1")).code).toBe(0);
  });

  // An edit inside the prefix that a writer would not see: a writer that refuses it verified in full.
  it.each<[string, string, string]>([
    ["another plan version", ".milestones/m1.yaml", SAMPLE_PLAN.replace("title: Milestone one", "title: Milestone 1")],
    ["other repository settings", ".github/phasegate.yml", "auto_start: true\n"],
  ])("a prefix recorded for %s is not used", async (_name, path, text) => {
    repo = await started();
    const { offset, line } = lineAt(repo, 1);
    const at = line.indexOf('"timestamp":"') + '"timestamp":"'.length + 3;
    patchInPlace(repo, offset + at, line[at] === "9" ? "8" : "9");
    repo.git("switch", "-q", "main");
    repo.write(path, text);
    repo.git("add", path);
    repo.git("commit", "-qm", `change ${path}`);
    repo.git("switch", "-q", "milestone/m1");
    const claim = await repo.cli("claim", "m1", "T1", "--as", "bob");
    expect(claim.code).toBe(1);
    expect(claim.err).toContain("line 1 was modified");
  });
});

describe("status and the trusted prefix", () => {
  it("records a prefix once the log moved on by enough events, and not on every run", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    const events = [
      { event: "milestone_activated" as const, actor: "alice" },
      ...Array.from({ length: 199 }, () => ({ event: "progress_updated" as const, actor: "alice" })),
    ];
    const { text } = buildLog("m1", events);
    const lines = text.split("\n");
    repo.write(LOG, lines.slice(0, 100).join("\n") + "\n");
    const file = () => join(repo.root, ".git", "phasegate", "prefixes", "milestone%2Fm1", "m1.json");
    // Each recording writes a new file in its place: a new modification time (and inode).
    const stamp = () => {
      const { ino, mtimeNs } = statSync(file(), { bigint: true });
      return `${ino}:${mtimeNs}`;
    };
    await repo.cli("status", "m1");
    expect(prefixFile(repo).seq).toBe(100);
    const first = stamp();
    await repo.cli("status", "m1");
    await repo.cli("status", "m1");
    expect(stamp()).toBe(first);
    repo.write(LOG, text); // 100 more events: past the interval (64), recorded again
    await repo.cli("status", "m1");
    expect(prefixFile(repo).seq).toBe(200);
    expect(stamp()).not.toBe(first);
  });
});

describe("a fold resumed from a prefix's state", () => {
  it("gives what folding the whole log gives, at every split", async () => {
    repo = await started();
    for (const who of ["bob", "bob"]) await repo.cli("claim", "m1", "T1", "--as", who);
    await repo.cli("release", "m1", "T1", "--as", "bob");
    const plan = parsePlan(SAMPLE_PLAN, ".milestones/m1.yaml").plan!;
    const { events } = parseLog(repo.read(LOG), "m1");
    const whole = fold(plan, events);
    for (let split = 0; split <= events.length; split++) {
      const stored = JSON.parse(JSON.stringify(fold(plan, events.slice(0, split))));
      const folder = StateFolder.resume(plan, stored)!;
      for (const e of events.slice(split)) folder.apply(e);
      expect(folder.state(), `split at ${split}`).toEqual(whole);
      // The same from task states stored as rows and parsed only where the fold uses them (ADR 32).
      const rows = parseRows(renderRows({}, stored.tasks, ["id", "status", "progress"]), true)!.rows;
      const lazy = StateFolder.resume(plan, { ...stored, tasks: rows })!;
      for (const e of events.slice(split)) lazy.apply(e);
      expect(lazy.state(), `split at ${split}, lazily`).toEqual(whole);
    }
  });

  it("keeps the stored progress and readiness of the tasks no event touches", async () => {
    repo = await started();
    const plan = parsePlan(SAMPLE_PLAN, ".milestones/m1.yaml").plan!;
    const { events } = parseLog(repo.read(LOG), "m1");
    const stored = JSON.parse(JSON.stringify(fold(plan, events)));
    // Derived fields the resumed fold trusts (a snapshot's): it reports them until an event touches the task.
    stored.tasks[1] = { ...stored.tasks[1], progress: 42 };
    const folder = StateFolder.resume(plan, stored)!;
    expect(folder.state().tasks[1]?.progress).toBe(42);
    expect(folder.state().progress).toBe((stored.tasks[0].progress + 42) / 2);
  });
});
