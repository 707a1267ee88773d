import { blobId, type BlobStore } from "./blob-store.js";
import type { AnchorRead } from "./anchor-fields.js";
import type { PathFile, PathRead } from "./read-paths.js";

/** The log in an anchored commit, when it is known without a request. */
interface AnchoredLog {
  path: string;
  file: PathFile;
}

/**
 * The anchors (ADR 19) as the adapter last saw them: read in the same GraphQL query as the milestone
 * branch's head, or moved by its own write. Also the log in each anchored commit when its text is
 * known without a request: the same blob as the branch's log, or the start of it (the log only grew
 * since, which the blob id of that many bytes proves). So checking the log against its anchor costs
 * nothing in the usual cases; a log that was rewritten costs one read of the anchored blob.
 */
export class AnchorCache {
  private readonly latest = new Map<string, string | undefined>();
  private readonly logs = new Map<string, AnchoredLog>();

  constructor(private readonly blobs: BlobStore) {}

  /** Whether the anchor of `milestone` is known; `commit()` then answers without a request. */
  has(milestone: string): boolean {
    return this.latest.has(milestone);
  }

  /** The anchored commit as last seen (undefined: no anchor). */
  commit(milestone: string): string | undefined {
    return this.latest.get(milestone);
  }

  /** The log's file in `commit`, when that commit is an anchor seen here and its text is known. */
  logIn(commit: string): AnchoredLog | undefined {
    return this.logs.get(commit);
  }

  /** What one query read: each anchor, and the anchored log's text when the branch's log holds it. */
  noteRead(head: PathRead, logPaths: ReadonlyMap<string, string>): void {
    for (const [milestone, anchor] of head.anchors) {
      this.latest.set(milestone, anchor?.commit);
      const path = logPaths.get(milestone);
      if (anchor && path !== undefined) this.learn(anchor, path, head.files.get(path));
    }
  }

  /** Our own step moved the anchor to `commit`, whose log is `text`. */
  moved(milestone: string, commit: string, path: string, text: string): void {
    this.latest.set(milestone, commit);
    this.logs.set(commit, { path, file: { text, sha: this.blobs.remember(text), mode: "100644" } });
  }

  /** Our own step could not move the anchor: where it is now is unknown. */
  forget(milestone: string): void {
    this.latest.delete(milestone);
  }

  private learn(anchor: AnchorRead, path: string, branchLog: PathFile | undefined): void {
    if (anchor.log === null) {
      this.logs.set(anchor.commit, { path, file: null });
      return;
    }
    if (!branchLog) return;
    const { oid, size } = anchor.log;
    let text: string | undefined;
    if (oid === branchLog.sha) text = branchLog.text;
    else {
      const bytes = Buffer.from(branchLog.text, "utf8");
      const start = size <= bytes.length ? bytes.subarray(0, size).toString("utf8") : undefined;
      // Bytes cut inside a character do not round-trip: the blob id then simply does not match.
      if (start !== undefined && blobId(start) === oid) text = start;
    }
    if (text === undefined) return;
    this.logs.set(anchor.commit, { path, file: { text: this.blobs.known(oid, text), sha: oid, mode: "100644" } });
  }
}
