import { afterEach, describe, expect, it } from "vitest";
import { MilestoneHandle, parseLog, type Context, type Repo } from "../../core/index.js";
import { FakeClock } from "../helpers/memory/fake-clock.js";
import { MemoryChecks } from "../helpers/memory/memory-ci.js";
import { MemoryForge } from "../helpers/memory/memory-forge.js";

export const CONTRACT_PLAN = `version: 1
id: m1
title: Contract
tasks:
  - id: T1
    title: One
`;

/** Two writers on one repository whose default branch `main` holds `files`. */
export interface RepoPair {
  repo: Repo;
  other: Repo;
  cleanup(): void | Promise<void>;
}

export type RepoFactory = (files: Record<string, string>) => Promise<RepoPair>;

const FILES = { ".milestones/m1.yaml": CONTRACT_PLAN, "docs/a.md": "# A\n", "docs/b.md": "# B\n" };

/**
 * What every `Repo` promises, run against the in-memory one, the local adapter (real git) and the
 * GitHub adapter (the fake GitHub): reads from one snapshot, one compare-and-swap step per write.
 */
export function repoContract(name: string, factory: RepoFactory): void {
  describe(`Repo contract: ${name}`, () => {
    let pair: RepoPair | undefined;
    const setup = async () => (pair = await factory(FILES));
    afterEach(async () => {
      await pair?.cleanup();
      pair = undefined;
    });

    it("reads the default branch's files from one snapshot", async () => {
      const { repo } = await setup();
      expect(await repo.defaultBranch()).toBe("main");
      const main = await repo.snapshot("main");
      expect((await repo.work("main")).revision?.commit).toMatch(/^[0-9a-f]{40}$/);
      expect((await main.read("docs/a.md"))?.text).toBe("# A\n");
      expect((await main.read("docs/a.md"))?.version).toMatch(/^[0-9a-f]{40}$/);
      expect(await main.read("docs/none.md")).toBeUndefined();
      expect(await main.list("docs")).toEqual(["docs/a.md", "docs/b.md"]);
      expect(await main.list("nowhere")).toEqual([]);
      const missing = await repo.snapshot("no-such-branch");
      expect(missing.revision).toBeUndefined();
      expect(await missing.read("docs/a.md")).toBeUndefined();
    });

    it("writes a step (append, put, delete) as one unit and returns the next snapshot", async () => {
      const { repo } = await setup();
      const work = await repo.work("milestone/m1");
      expect((await work.read("docs/a.md"))?.text).toBe("# A\n");
      await work.read("log.jsonl");
      const result = await repo.write({
        branch: "milestone/m1",
        base: work,
        message: "step",
        changes: [
          { kind: "append", path: "log.jsonl", text: "one\n" },
          { kind: "put", path: "docs/new.md", text: "new\n" },
          { kind: "delete", path: "docs/b.md" },
        ],
      });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect((await result.snapshot.read("log.jsonl"))?.text).toBe("one\n");
      const again = await repo.work("milestone/m1");
      expect((await again.read("log.jsonl"))?.text).toBe("one\n");
      expect((await again.read("docs/new.md"))?.text).toBe("new\n");
      expect(await again.read("docs/b.md")).toBeUndefined();
      const next = await repo.write({
        branch: "milestone/m1",
        base: result.snapshot,
        message: "step 2",
        changes: [{ kind: "append", path: "log.jsonl", text: "two\n" }],
      });
      expect(next.ok).toBe(true);
      expect((await (await repo.work("milestone/m1")).read("log.jsonl"))?.text).toBe("one\ntwo\n");
    });

    it("refuses a write whose base is stale: conflict, then a re-read succeeds and nothing is lost", async () => {
      const { repo, other } = await setup();
      const mine = await repo.work("milestone/m1");
      const theirs = await other.work("milestone/m1");
      await mine.read("log.jsonl");
      await theirs.read("log.jsonl");
      const step = (text: string) => [{ kind: "append" as const, path: "log.jsonl", text }];
      expect((await other.write({ branch: "milestone/m1", base: theirs, message: "b", changes: step("b\n") })).ok).toBe(
        true,
      );
      expect(await repo.write({ branch: "milestone/m1", base: mine, message: "a", changes: step("a\n") })).toEqual({
        ok: false,
        reason: "conflict",
      });
      const fresh = await repo.work("milestone/m1");
      await fresh.read("log.jsonl");
      expect((await repo.write({ branch: "milestone/m1", base: fresh, message: "a", changes: step("a\n") })).ok).toBe(
        true,
      );
      expect((await (await other.work("milestone/m1")).read("log.jsonl"))?.text).toBe("b\na\n");
    });

    it("two writers racing 50 log appends end with one valid chain and nothing lost", async () => {
      const { repo, other } = await setup();
      const context = (r: Repo, actor: string): Context => ({
        repo: r,
        forge: new MemoryForge(),
        ci: new MemoryChecks(),
        clock: new FakeClock(),
        logger: { debug: () => undefined, info: () => undefined, warn: () => undefined },
        sessionId: `s-${actor}`,
        actor,
      });
      const run = async (r: Repo, actor: string) => {
        const handle = await MilestoneHandle.open(context(r, actor), "m1");
        for (let i = 0; i < 25; i++) {
          await handle.commit(() => [{ event: "progress_updated", actor, details: { n: i } }]);
        }
      };
      await Promise.all([run(repo, "ann"), run(other, "ben")]);
      const text = (await (await repo.work("milestone/m1")).read(".milestones/logs/m1.jsonl"))?.text ?? "";
      const log = parseLog(text, "m1");
      expect(log.problem).toBeUndefined();
      expect(log.events).toHaveLength(50);
      for (const actor of ["ann", "ben"]) {
        expect(log.events.filter((e) => e.actor === actor).map((e) => e.details.n)).toEqual([...Array(25).keys()]);
      }
    });
  });
}
