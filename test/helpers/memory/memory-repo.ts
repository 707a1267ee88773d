import { createHash } from "node:crypto";
import type { FileSnapshot, Repo, Revision, Snapshot, StepWrite, WriteResult } from "../../../core/index.js";

/** A commit: its files (path → text) and its parent. Ids are made the way git makes blob ids. */
interface Commit {
  id: string;
  parent: string | undefined;
  files: ReadonlyMap<string, string>;
  message: string;
}

/**
 * The repository behind one or more MemoryRepo views: commits and branches. Two views on one store
 * are two writers racing on the same branches.
 */
export class MemoryStore {
  readonly commits = new Map<string, Commit>();
  readonly branches = new Map<string, string>();
  writes = 0;

  constructor(
    readonly defaultBranch: string,
    files: Record<string, string>,
  ) {
    this.branches.set(defaultBranch, this.addCommit(undefined, new Map(Object.entries(files)), "initial").id);
  }

  addCommit(parent: string | undefined, files: ReadonlyMap<string, string>, message: string): Commit {
    const id = sha1(
      `commit ${parent ?? ""}\n${message}\n${[...files].map(([p, t]) => `${p}\0${blobId(t)}`).join("\n")}`,
    );
    const commit = { id, parent, files, message };
    this.commits.set(id, commit);
    return commit;
  }

  /** Files at the head of `branch` (as another writer would see them). */
  filesAt(branch: string): ReadonlyMap<string, string> {
    const head = this.branches.get(branch);
    return head ? (this.commits.get(head) as Commit).files : new Map();
  }

  /** Another writer pushes a commit to `branch` (created from the default branch when missing). */
  push(branch: string, changes: Record<string, string | null>, message = "push"): string {
    const head = this.branches.get(branch) ?? (this.branches.get(this.defaultBranch) as string);
    const files = new Map((this.commits.get(head) as Commit).files);
    for (const [path, text] of Object.entries(changes)) {
      if (text === null) files.delete(path);
      else files.set(path, text);
    }
    const commit = this.addCommit(head, files, message);
    this.branches.set(branch, commit.id);
    return commit.id;
  }

  history(branch: string): Commit[] {
    const out: Commit[] = [];
    for (let id = this.branches.get(branch); id; id = this.commits.get(id)?.parent)
      out.push(this.commits.get(id) as Commit);
    return out;
  }
}

/** `Repo` in memory: what the use-case tests run on (and the contract suite checks against the real adapters). */
export class MemoryRepo implements Repo {
  constructor(readonly store: MemoryStore) {}

  static create(files: Record<string, string>, defaultBranch = "main"): MemoryRepo {
    return new MemoryRepo(new MemoryStore(defaultBranch, files));
  }

  async defaultBranch(): Promise<string> {
    return this.store.defaultBranch;
  }

  async snapshot(ref: string): Promise<Snapshot> {
    const id = this.store.branches.get(ref) ?? (this.store.commits.has(ref) ? ref : undefined);
    return new MemorySnapshot(ref, id === undefined ? undefined : (this.store.commits.get(id) as Commit));
  }

  async work(branch: string): Promise<Snapshot> {
    const id = this.store.branches.get(branch) ?? (this.store.branches.get(this.store.defaultBranch) as string);
    return new MemorySnapshot(branch, this.store.commits.get(id) as Commit);
  }

  async write(step: StepWrite): Promise<WriteResult> {
    const base = step.base;
    if (!(base instanceof MemorySnapshot) || !base.commit) throw new Error("write needs a base from work()");
    const head = this.store.branches.get(step.branch);
    const expected = head ?? this.store.branches.get(this.store.defaultBranch);
    if (base.commit.id !== expected) return { ok: false, reason: "conflict" };
    const files = new Map(base.commit.files);
    for (const change of step.changes) {
      if (change.kind === "delete") files.delete(change.path);
      else files.set(change.path, (change.kind === "append" ? (files.get(change.path) ?? "") : "") + change.text);
    }
    const commit = this.store.addCommit(base.commit.id, files, step.message);
    this.store.branches.set(step.branch, commit.id);
    this.store.writes += 1;
    return { ok: true, snapshot: new MemorySnapshot(step.branch, commit) };
  }
}

export class MemorySnapshot implements Snapshot {
  readonly revision: Revision | undefined;

  constructor(
    readonly ref: string,
    readonly commit: Commit | undefined,
  ) {
    this.revision = commit && { commit: commit.id, tree: sha1(`tree ${commit.id}`) };
  }

  async read(path: string): Promise<FileSnapshot | undefined> {
    const text = this.commit?.files.get(path);
    return text === undefined ? undefined : { path, text, version: blobId(text) };
  }

  async list(dir: string): Promise<string[]> {
    const prefix = dir === "" || dir === "." ? "" : `${dir.replace(/\/$/, "")}/`;
    return [...(this.commit?.files.keys() ?? [])]
      .filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes("/"))
      .sort();
  }
}

function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/** The git blob id of `text`, as GitHub and local git give it. */
export function blobId(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}
