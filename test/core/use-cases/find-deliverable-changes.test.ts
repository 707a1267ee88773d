import { describe, expect, it, vi } from "vitest";
import type { Approval } from "../../../core/events/state.js";
import { findDeliverableChanges } from "../../../core/use-cases/find-deliverable-changes.js";
import { blobId } from "../../helpers/memory/memory-repo.js";
import { memoryContext } from "../../helpers/memory/memory-context.js";

const DESIGN = "docs/design.md";
const TASKS = "docs/tasks.md";

/** Two commits on main: what alice approved, then the files now. */
async function setup(before: Record<string, string>, after: Record<string, string | null>) {
  const ctx = memoryContext(before);
  const approvedAt = ctx.repo.store.branches.get("main")!;
  ctx.repo.store.push("main", after, "edit");
  const work = await ctx.repo.work("main");
  const files = async (snapshotFiles: Record<string, string | null>) =>
    Object.entries(snapshotFiles).map(([path, text]) => ({ path, version: text === null ? null : blobId(text) }));
  const earlier: Approval = {
    by: "alice",
    role: "approver",
    at: "2026-01-01T00:00:00Z",
    seq: 3,
    commit: approvedAt,
    tree: "t",
    digest: "d1",
    files: await files(before),
    via: "comment",
  };
  const current = { ...before, ...after };
  const now = { digest: "d2", files: (await files(current)).filter((f) => f.version !== null || f.path in after) };
  const snapshot = vi.spyOn(ctx.repo, "snapshot");
  return { ctx, earlier, now, work, snapshot };
}

describe("findDeliverableChanges", () => {
  it("reads nothing when the digests agree or the earlier approval recorded no files", async () => {
    const { ctx, earlier, now, work, snapshot } = await setup({ [DESIGN]: "a\n" }, { [DESIGN]: "b\n" });
    expect(await findDeliverableChanges(ctx, earlier, { ...now, digest: earlier.digest }, work)).toBeUndefined();
    const { files: _, ...old } = earlier;
    expect(await findDeliverableChanges(ctx, old, now, work)).toBeUndefined();
    expect(await findDeliverableChanges(ctx, undefined, now, work)).toBeUndefined();
    expect(snapshot).not.toHaveBeenCalled();
  });

  it("diffs only the changed paths, read at the recorded commit in one snapshot", async () => {
    const { ctx, earlier, now, work, snapshot } = await setup(
      { [DESIGN]: "# Design\nold line\n", [TASKS]: "- [ ] 1. task\n" },
      { [DESIGN]: "# Design\nnew line\n@acme/core <b>hi</b>\n" },
    );
    const found = await findDeliverableChanges(ctx, earlier, now, work);
    expect(found?.since).toEqual({ commit: earlier.commit, at: earlier.at });
    expect(found?.changes).toEqual([
      expect.objectContaining({
        path: DESIGN,
        kind: "changed",
        diff: expect.objectContaining({ added: 2, removed: 1 }),
      }),
    ]);
    expect(snapshot).toHaveBeenCalledTimes(1);
    expect(snapshot).toHaveBeenCalledWith(earlier.commit, { paths: [DESIGN] });
  });

  it("a deleted deliverable: every line removed", async () => {
    const { ctx, earlier, now, work } = await setup({ [DESIGN]: "x\n", [TASKS]: "one\ntwo\n" }, { [TASKS]: null });
    const found = await findDeliverableChanges(ctx, earlier, now, work);
    expect(found?.changes).toEqual([
      expect.objectContaining({
        path: TASKS,
        kind: "deleted",
        diff: expect.objectContaining({ removed: 2, added: 0 }),
      }),
    ]);
  });

  it("CRLF against LF: a change of line ends only", async () => {
    const { ctx, earlier, now, work } = await setup({ [DESIGN]: "a\nb\n" }, { [DESIGN]: "a\r\nb\r\n" });
    const found = await findDeliverableChanges(ctx, earlier, now, work);
    expect(found?.changes[0]?.diff).toMatchObject({ added: 0, removed: 0, lineEndsOnly: true });
  });

  it("a recorded version the commit does not hold (uncommitted when approved) gives no diff rather than a wrong one", async () => {
    const { ctx, earlier, now, work } = await setup({ [DESIGN]: "a\n" }, { [DESIGN]: "c\n" });
    const approvedUncommitted = { ...earlier, files: [{ path: DESIGN, version: blobId("b\n") }] };
    const found = await findDeliverableChanges(ctx, approvedUncommitted, now, work);
    expect(found?.changes).toEqual([{ path: DESIGN, kind: "changed" }]);
  });
});
