import { mkdir, rm } from "node:fs/promises";
import { dirname } from "node:path";
import type { FileChange } from "../core/index.js";
import { appendInPlace, isAtVersion } from "./append-in-place.js";
import { blobId } from "./blob-id.js";
import { confinePath } from "./confine-path.js";
import { replaceFile, withFileLocks, type LockOptions } from "./file-lock.js";

/** What a step's write gives: the new versions of the files it read and wrote, or a conflict. */
export type StepOutcome<S> = { ok: true; snapshot: S } | { ok: false; reason: "conflict" };

/**
 * One step, written to the working tree at `root`: every changed file is locked (in path order, so
 * writers never deadlock), each must still have the version the step's base read (`versions`), then
 * puts and deletes land and the log's append comes last, so a crash never leaves an event without
 * its files. Appends go in place (append-in-place.ts): a step costs the same on a 10-line log and a
 * 100,000-line one. `snapshot` makes the base's successor from the versions after the write.
 */
export async function writeStep<S>(
  root: string,
  lock: LockOptions,
  changes: readonly FileChange[],
  versions: ReadonlyMap<string, string | undefined>,
  snapshot: (versions: Map<string, string | undefined>) => S,
): Promise<StepOutcome<S>> {
  const paths = [...new Set(changes.map((c) => c.path))].sort();
  const confined = new Map<string, string>();
  for (const path of paths) {
    const { absolute } = await confinePath(root, path);
    await mkdir(dirname(absolute), { recursive: true });
    confined.set(path, absolute);
  }
  return withFileLocks(
    paths.map((p) => ({ file: confined.get(p) as string, display: p })),
    lock,
    async () => {
      for (const path of paths) {
        if (versions.has(path) && !(await isAtVersion(confined.get(path) as string, versions.get(path)))) {
          return { ok: false, reason: "conflict" } as const;
        }
      }
      const next = new Map(versions);
      const ordered = [...changes].sort((a, b) => Number(a.kind === "append") - Number(b.kind === "append"));
      for (const change of ordered) {
        const absolute = confined.get(change.path) as string;
        if (change.kind === "delete") {
          await rm(absolute, { force: true });
          next.set(change.path, undefined);
        } else if (change.kind === "append") {
          next.set(change.path, await appendInPlace(absolute, Buffer.from(change.text, "utf8")));
        } else {
          const bytes = Buffer.from(change.text, "utf8");
          await replaceFile(absolute, bytes);
          next.set(change.path, blobId(bytes));
        }
      }
      return { ok: true, snapshot: snapshot(next) } as const;
    },
  );
}
