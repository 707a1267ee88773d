import { afterEach, describe, expect, it } from "vitest";
import { parseLog } from "../../core/events/parse-log.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { DESIGN, sampleFiles } from "../helpers/sample-plan.js";

const LOG = ".milestones/logs/m1.jsonl";
let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

/** A log of at least 10 events with an approval and a hold in it. */
async function tenEvents(): Promise<{ r: ScratchRepo; lines: string[] }> {
  const r = scratchRepo(sampleFiles(), "milestone/m1");
  r.write(".kiro/specs/first/design.md", DESIGN);
  expect((await r.cli("execute", "m1", "--as", "bob")).code).toBe(0);
  expect((await r.cli("approve", "m1", "T1", "--as", "alice")).code).toBe(0);
  expect((await r.cli("hold", "m1", "T2", "--reason", "later", "--as", "alice")).code).toBe(0);
  expect((await r.cli("claim", "m1", "T1", "--as", "bob")).code).toBe(0);
  const lines = r.read(LOG).trimEnd().split("\n");
  expect(lines.length).toBeGreaterThanOrEqual(10);
  return { r, lines };
}

const parsed = (r: ScratchRepo) => parseLog(r.read(LOG), "m1");
const names = (r: ScratchRepo) => parsed(r).events.map((e) => e.event);
const repaired = (r: ScratchRepo) => parsed(r).events.at(-1)!;
const lineOf = (lines: string[], event: string) => lines.findIndex((l) => l.includes(`"event":"${event}"`));

describe("log repair keeps every event that verifies and leaves a trace", () => {
  it("one blank line in the middle: every event is kept, and log_repaired says what was skipped", async () => {
    const { r, lines } = await tenEvents();
    repo = r;
    const original = parsed(r).events.map((e) => e.hash);
    r.write(LOG, [lines[0], "", ...lines.slice(1)].join("\n") + "\n");
    expect((await r.cli("status", "m1")).code).toBe(1);
    const dry = await r.cli("log", "repair", "m1");
    expect(dry.out).toMatch(/keeping \d+ verified events, dropping 0 lines \(1 blank line\)/);
    expect(r.read(LOG)).toContain("\n\n");
    expect((await r.cli("log", "repair", "m1", "--yes")).code).toBe(0);
    const after = parsed(r);
    expect(after.problem).toBeUndefined();
    expect(after.events.slice(0, -1).map((e) => e.hash)).toEqual(original);
    expect(repaired(r)).toMatchObject({ event: "log_repaired", actor: expect.any(String) });
    expect(repaired(r).details).toMatchObject({ dropped: [], blank_lines: 1, bom: false });
    expect((await r.cli("verify", "m1")).code).toBe(0);
    expect((await r.cli("unhold", "m1", "T2", "--as", "alice")).code).toBe(0);
  });

  it("a byte order mark, CRLF and blank lines: nothing is dropped", async () => {
    const { r, lines } = await tenEvents();
    repo = r;
    const count = lines.length;
    r.write(LOG, "\uFEFF" + [lines[0], "  ", ...lines.slice(1, 4), "\t", ...lines.slice(4)].join("\r\n") + "\r\n\r\n");
    expect((await r.cli("log", "repair", "m1", "--yes")).code).toBe(0);
    expect(parsed(r).problem).toBeUndefined();
    expect(parsed(r).events).toHaveLength(count + 1);
    expect(repaired(r).details).toMatchObject({ bom: true, blank_lines: 3, dropped: [] });
    expect(r.read(LOG)).not.toMatch(/\r|\uFEFF/);
  });

  it("an edited middle line is dropped alone; the events after it are sealed again with their identity", async () => {
    const { r, lines } = await tenEvents();
    repo = r;
    const at = lineOf(lines, "progress_updated");
    expect(at).toBeGreaterThan(0);
    const edited = lines[at]!.replace('"progress_updated"', '"progress_updated" ').replace(
      /"timestamp":"[^"]+"/,
      '"timestamp":"1999-01-01T00:00:00.000Z"',
    );
    r.write(LOG, [...lines.slice(0, at), edited, ...lines.slice(at + 1)].join("\n") + "\n");
    const done = await r.cli("log", "repair", "m1", "--yes");
    expect(done.code).toBe(0);
    const after = parsed(r);
    expect(after.problem).toBeUndefined();
    expect(after.events).toHaveLength(lines.length); // one dropped, one log_repaired added
    expect(
      after.events.slice(at, -1).every((e) => typeof (e.details.original as { hash?: string })?.hash === "string"),
    ).toBe(true);
    expect(repaired(r).details.dropped).toEqual([
      { line: at + 1, event: "progress_updated", reason: expect.any(String) },
    ]);
    expect((await r.cli("verify", "m1")).code).toBe(0);
  });

  it("refuses to drop a decision without --drop-decisions, and writes nothing", async () => {
    const { r, lines } = await tenEvents();
    repo = r;
    for (const event of ["phase_approved", "task_held"]) {
      const at = lineOf(lines, event);
      const broken = [...lines.slice(0, at), lines[at]!.slice(0, -10), ...lines.slice(at + 1)].join("\n") + "\n";
      r.write(LOG, broken);
      const refused = await r.cli("log", "repair", "m1", "--yes");
      expect(refused.code).toBe(1);
      expect(refused.err).toContain(`line ${at + 1}: ${event}`);
      expect(refused.err).toContain("--drop-decisions");
      expect(r.read(LOG)).toBe(broken);
    }
    expect((await r.cli("log", "repair", "m1", "--yes", "--drop-decisions")).code).toBe(0);
    expect(repaired(r).details.dropped).toEqual([expect.objectContaining({ event: "task_held" })]);
  });

  it("deleted lines (a gap) and lines cut from the end are of unknown kind: --drop-decisions is needed", async () => {
    const { r, lines } = await tenEvents();
    repo = r;
    const gap = [...lines.slice(0, 3), ...lines.slice(4)].join("\n") + "\n";
    r.write(LOG, gap);
    const refused = await r.cli("log", "repair", "m1", "--yes");
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/1 deleted event\(s\) before line 4/);
    expect(r.read(LOG)).toBe(gap);
    expect((await r.cli("log", "repair", "m1", "--yes", "--drop-decisions")).code).toBe(0);
    expect(repaired(r).details).toMatchObject({ gaps: [{ line: 4, missing: 1 }] });
    expect(names(r)).toHaveLength(lines.length);

    const now = r.read(LOG).trimEnd().split("\n");
    const cut = now.slice(0, -2).join("\n") + "\n";
    r.write(LOG, cut);
    const refusedCut = await r.cli("log", "repair", "m1", "--yes");
    expect(refusedCut.code).toBe(1);
    expect(refusedCut.err).toMatch(/2 event\(s\) cut from the end/);
    expect((await r.cli("log", "repair", "m1", "--yes", "--drop-decisions")).code).toBe(0);
    expect(repaired(r).details).toMatchObject({ cut_from_end: 2 });
    expect((await r.cli("status", "m1")).code).toBe(0);
  });

  it("a repeated line is dropped as a copy; a cut-off last line that is no decision needs only --yes", async () => {
    const { r, lines } = await tenEvents();
    repo = r;
    const at = lineOf(lines, "session_saved");
    r.write(
      LOG,
      [...lines.slice(0, at + 1), lines[at], ...lines.slice(at + 1)].join("\n") + "\n" + lines[at]!.slice(0, 40),
    );
    const done = await r.cli("log", "repair", "m1", "--yes");
    expect(done.code).toBe(0);
    expect(repaired(r).details.dropped).toEqual([
      { line: at + 2, event: "session_saved", reason: "a copy of an event already kept" },
      expect.objectContaining({ line: lines.length + 2 }),
    ]);
    expect(parsed(r).events).toHaveLength(lines.length + 1);
  });
});
