import type { Approval } from "../events/state.js";
import type { Snapshot } from "../ports.js";
import { diffLines } from "../render/diff-lines.js";
import type { DeliverableChange, DeliverableChanges } from "../render/render-deliverable-changes.js";
import type { Context } from "./context.js";

type Files = readonly { path: string; version: string | null }[];

/**
 * What changed between the deliverables an approver last approved (`earlier`) and those of this
 * approval (`now`, read in `work`). Nothing is read when the digests agree or the earlier approval
 * recorded no files; otherwise the earlier texts are read by blob id where the repository offers it
 * (a local clone), else at the recorded commit (GitHub: one query for every changed path).
 */
export async function findDeliverableChanges(
  ctx: Context,
  earlier: Approval | undefined,
  now: { digest: string; files: Files },
  work: Snapshot,
): Promise<DeliverableChanges | undefined> {
  if (!earlier?.files || earlier.digest === now.digest) return undefined;
  const before = new Map(earlier.files.map((f) => [f.path, f.version]));
  const after = new Map(now.files.map((f) => [f.path, f.version]));
  const paths = [...new Set([...before.keys(), ...after.keys()])].filter(
    (p) => (before.get(p) ?? null) !== (after.get(p) ?? null),
  );
  if (paths.length === 0) return undefined;
  const old = paths.filter((p) => (before.get(p) ?? null) !== null);
  // Opened at the first read that needs it; on GitHub that read fetches every hinted path in one query.
  let opened: Promise<Snapshot> | undefined;
  const atCommit = () => (opened ??= ctx.repo.snapshot(earlier.commit, { paths: old }));
  const changes: DeliverableChange[] = [];
  for (const path of paths) {
    const was = before.get(path) ?? null;
    const is = after.get(path) ?? null;
    const kind = was === null ? "added" : is === null ? "deleted" : "changed";
    const oldText = was === null ? "" : await readEarlier(ctx, atCommit, path, was, earlier.commit);
    const newText = is === null ? "" : ((await work.read(path))?.text ?? "");
    changes.push({ path, kind, ...(oldText !== undefined && { diff: diffLines(oldText, newText) }) });
  }
  return { since: { commit: earlier.commit, at: earlier.at }, changes };
}

const isBlobId = (version: string | null | undefined) => typeof version === "string" && /^[0-9a-f]{40}$/.test(version);

/**
 * The text an approver saw: the blob they approved, or the file at the commit recorded with it. A
 * file there of another version (local mode approves the working tree, which may not be committed)
 * is not what they saw: undefined.
 */
async function readEarlier(
  ctx: Context,
  atCommit: () => Promise<Snapshot>,
  path: string,
  version: string,
  commit: string,
): Promise<string | undefined> {
  try {
    if (isBlobId(version)) {
      const blob = await ctx.repo.readBlob?.(version);
      if (blob !== undefined) return blob;
    }
    if (!commit) return undefined;
    const file = await (await atCommit()).read(path);
    if (!file) return undefined;
    return file.version === version || !isBlobId(version) ? file.text : undefined;
  } catch (error) {
    ctx.logger.debug(`reading ${path} at ${commit}: ${String(error)}`);
    return undefined;
  }
}
