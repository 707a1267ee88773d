import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { driverCommand } from "../../local/merge-driver.js";
import { parseLog } from "../../core/events/parse-log.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { sampleFiles } from "../helpers/sample-plan.js";

const LOG = ".milestones/logs/m1.jsonl";
let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

const events = (r: ScratchRepo) => parseLog(r.read(LOG), "m1");

describe("the log's text: blank lines, cut-off lines, line ends", () => {
  it("a trailing blank line is not tampering, and the next write leaves no blank line inside", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    await repo.cli("activate", "m1");
    const before = events(repo).events;
    repo.write(LOG, repo.read(LOG) + "\n  \n");
    const status = await repo.cli("status", "m1", "--json");
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out).log).toMatchObject({ verified: true, events: before.length });
    expect((await repo.cli("claim", "m1", "T1", "--as", "bob")).code).toBe(0);
    const text = repo.read(LOG);
    expect(text).not.toMatch(/\n\s*\n/);
    const after = events(repo);
    expect(after.problem).toBeUndefined();
    expect(after.events.slice(0, before.length)).toEqual(before);
    expect(after.events.at(-1)?.event).toBe("task_claimed");
  });

  it("a cut-off last line keeps every verified event; writes are refused with a repair hint that drops nothing silently", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    await repo.cli("activate", "m1");
    await repo.cli("claim", "m1", "T1", "--as", "bob");
    const whole = repo.read(LOG);
    const kept = events(repo).events;
    const partial = whole.split("\n")[0]!.slice(0, 50);
    repo.write(LOG, whole + partial);
    const view = JSON.parse((await repo.cli("status", "m1", "--json")).out);
    expect(view.log.events).toBe(kept.length);
    expect(view.tasks[0].claimed_by).toBe("bob");
    const refused = await repo.cli("hold", "m1", "T1", "--as", "alice");
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("phasegate log repair m1");
    expect(refused.err).not.toContain("git checkout");

    const dry = await repo.cli("log", "repair", "m1");
    expect(dry.code).toBe(0);
    expect(dry.out).toContain(`line ${kept.length + 1} (not a whole JSON line (cut off or edited)): ${partial}`);
    expect(dry.out).toContain("nothing written");
    expect(repo.read(LOG)).toBe(whole + partial);

    const done = await repo.cli("log", "repair", "m1", "--yes");
    expect(done.code).toBe(0);
    // Every verified line as it was, then the repair's own event naming the line it dropped.
    expect(repo.read(LOG).startsWith(whole)).toBe(true);
    expect(events(repo).events.at(-1)).toMatchObject({ event: "log_repaired", details: { dropped_count: 1 } });
    expect((await repo.cli("hold", "m1", "T1", "--as", "alice")).code).toBe(0);
    expect(events(repo).events).toHaveLength(kept.length + 2);
  });

  it("lines cut from the end: repair drops nothing more and accepts the shorter log only with --yes --drop-decisions", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    await repo.cli("activate", "m1");
    await repo.cli("claim", "m1", "T1", "--as", "bob");
    await repo.cli("hold", "m1", "T1", "--as", "alice");
    const lines = repo.read(LOG).split("\n");
    const cut = lines.slice(0, -3).join("\n") + "\n";
    repo.write(LOG, cut);
    expect((await repo.cli("status", "m1")).code).toBe(1);
    const dry = await repo.cli("log", "repair", "m1");
    expect(dry.out).toContain("lines were removed from the end");
    expect(dry.out).toContain("nothing written");
    expect((await repo.cli("claim", "m1", "T1", "--as", "bob")).code).toBe(1);
    // What was cut is unknown (it may have been a decision, here a hold): --yes alone is refused.
    expect((await repo.cli("log", "repair", "m1", "--yes")).code).toBe(1);
    expect(repo.read(LOG)).toBe(cut);
    expect((await repo.cli("log", "repair", "m1", "--yes", "--drop-decisions")).code).toBe(0);
    expect(repo.read(LOG).startsWith(cut)).toBe(true);
    expect(events(repo).events.at(-1)).toMatchObject({ event: "log_repaired", details: { cut_from_end: 2 } }); // split("\n") ends with "": two events cut
    expect((await repo.cli("status", "m1")).code).toBe(0);
  });

  it("a log checked out with core.autocrlf=true (CRLF line ends) verifies, and the next write stores LF", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    await repo.cli("activate", "m1");
    // A log committed before Phasegate wrote .gitattributes: nothing stops git converting it.
    repo.git("rm", "-q", "--cached", "--ignore-unmatch", ".gitattributes");
    repo.write(".gitattributes", "");
    repo.git("add", LOG, ".gitattributes");
    repo.git("commit", "-q", "-m", "log");
    repo.git("config", "core.autocrlf", "true");
    repo.git("rm", "-q", "--cached", LOG);
    repo.git("commit", "-q", "-m", "drop");
    repo.git("checkout", "-q", "HEAD~1", "--", LOG);
    expect(repo.read(LOG)).toContain("\r\n");
    const status = await repo.cli("status", "m1", "--json");
    expect(status.code).toBe(0);
    expect(JSON.parse(status.out).log.verified).toBe(true);
    expect((await repo.cli("claim", "m1", "T1", "--as", "bob")).code).toBe(0);
    expect(repo.read(LOG)).not.toContain("\r");
    expect(events(repo).problem).toBeUndefined();
  });

  it("creating the log adds the LF and merge attributes to .gitattributes, keeping the user's lines", async () => {
    const user = "*.png binary\r\n# mine\n*.sh text eol=lf";
    repo = scratchRepo({ ...sampleFiles(), ".gitattributes": user }, "milestone/m1");
    await repo.cli("activate", "m1");
    expect(repo.read(".gitattributes")).toBe(`${user}\n.milestones/logs/*.jsonl text eol=lf merge=phasegate-log\n`);
    await repo.cli("claim", "m1", "T1", "--as", "bob");
    expect(repo.read(".gitattributes").match(/phasegate-log/g)).toHaveLength(1);
    const launcher = fileURLToPath(new URL("../../bin/phasegate.js", import.meta.url));
    expect(repo.git("config", "--get", "merge.phasegate-log.driver").trim()).toBe(
      driverCommand(process.execPath, launcher),
    );
  });

  it("replaces the PATH-only driver earlier versions registered, on any command", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    repo.git("config", "merge.phasegate-log.driver", "phasegate merge-log %O %A %B %P");
    expect((await repo.cli("validate")).code).toBe(0);
    expect(repo.git("config", "--get", "merge.phasegate-log.driver")).toMatch(/^'.*' '.*bin\/phasegate\.js' merge-log/);
  });

  it("never overwrites a merge driver the user configured", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    repo.git("config", "merge.phasegate-log.driver", "my-phasegate merge-log %O %A %B %P");
    await repo.cli("activate", "m1");
    expect(repo.git("config", "--get", "merge.phasegate-log.driver").trim()).toBe("my-phasegate merge-log %O %A %B %P");
    expect(repo.git("config", "--get", "merge.phasegate-log.name").trim()).toContain("Phasegate");
  });
});
