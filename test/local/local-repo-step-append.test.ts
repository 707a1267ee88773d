import { appendFileSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Snapshot } from "../../core/index.js";
import { LocalRepo } from "../../local/local-repo.js";
import { makeRepo } from "./git-fixture.js";

const LOG = ".milestones/logs/m1.jsonl";

async function setup() {
  const root = makeRepo().root;
  const repo = new LocalRepo({ root });
  const work = await repo.work("milestone/m1");
  await work.read(LOG);
  return { root, repo, work, file: join(root, LOG) };
}

async function append(repo: LocalRepo, base: Snapshot, text: string) {
  return repo.write({ branch: "milestone/m1", base, changes: [{ kind: "append", path: LOG, text }], message: "m" });
}

describe("LocalRepo.write appends to the log in place", () => {
  it("keeps the same file (no copy and rename) and chains versions from step to step", async () => {
    const { repo, work, file } = await setup();
    const first = await append(repo, work, "one\n");
    if (!first.ok) throw new Error("conflict");
    const inode = statSync(file).ino;
    let base = first.snapshot;
    for (const line of ["two\n", "three\n"]) {
      const next = await append(repo, base, line);
      if (!next.ok) throw new Error("conflict");
      base = next.snapshot;
    }
    expect(statSync(file).ino).toBe(inode);
    expect(readFileSync(file, "utf8")).toBe("one\ntwo\nthree\n");
  });

  it("still refuses a step whose base is stale: a line appended behind its back is a conflict", async () => {
    const { repo, work, file } = await setup();
    const first = await append(repo, work, "one\n");
    if (!first.ok) throw new Error("conflict");
    appendFileSync(file, "someone else\n");
    expect(await append(repo, first.snapshot, "two\n")).toEqual({ ok: false, reason: "conflict" });
    // A base that read the file (a blob id) is checked by content, as before.
    const fresh = await repo.work("milestone/m1");
    await fresh.read(LOG);
    expect((await append(repo, fresh, "two\n")).ok).toBe(true);
    expect(readFileSync(file, "utf8")).toBe("one\nsomeone else\ntwo\n");
  });
});
