/**
 * `Repo` over a git working tree (local mode). Reads without a ref see the working tree; reads with
 * a ref see git's objects. Writes go to the working tree only: committing them is the checkpoint's job.
 *
 * Versions are git blob ids computed in-process (`git hash-object --no-filters`), so a file that
 * matches its committed bytes has the same version at HEAD and in the working tree, and no git
 * process is started per read.
 */
import { mkdir, readdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import type {
  CommitInput,
  CommitReach,
  FileSnapshot,
  FileTail,
  HeldBack,
  Repo,
  Revision,
  Snapshot,
  StepWrite,
  WorkTree,
  WriteResult,
} from "../core/index.js";
import { statVersion } from "./append-in-place.js";
import { blobId } from "./blob-id.js";
import { CatFileSession, type GitObject } from "./cat-file-session.js";
import { checkedRef } from "./checked-ref.js";
import { CommitMemo, type MemoEntry } from "./commit-memo.js";
import { commitReach } from "./commit-reach.js";
import {
  commitPaths,
  prepareIndex,
  readChanges,
  withCheckpointLock,
  type PreparedIndex,
  type StatusHead,
} from "./checkpoint-git.js";
import { confinePath, PathRefused, SYMLINK_IN_GIT } from "./confine-path.js";
import { decodeText } from "./decode-text.js";
import { preloadSecretlint } from "./detect-secret-content.js";
import { DEFAULT_BRANCH_SETTINGS, findDefaultBranch, type DefaultBranch } from "./default-branch.js";
import { fileHistory } from "./file-history.js";
import { isScratchFile, removeCrashedTemps, replaceFile, withFileLock, type LockOptions } from "./file-lock.js";
import { findTopLevel } from "./find-top-level.js";
import { isGitExit, isObjectId, runGit } from "./git.js";
import { historyBlobs } from "./history-blobs.js";
import { ifMissing } from "./if-missing.js";
import { treeEntry } from "./tree-entry.js";
import { listTree } from "./list-tree.js";
import { looseCommit, looseCommitTree, looseTreeEntry, readLooseBlob, readLooseObject } from "./loose-objects.js";
import { GitSnapshot, WorkingTreeSnapshot } from "./local-snapshots.js";
import { MERGE_DRIVER_SETTINGS } from "./merge-driver.js";
import { readCurrentBranch } from "./read-current-branch.js";
import { readGitConfig } from "./read-git-config.js";
import { readIfExists, readTailIfExists } from "./read-regular-file.js";
import { RefFiles } from "./ref-files.js";
import { screenChanges } from "./screen-changes.js";
import { writeStep } from "./write-step.js";

/** Who the user is, as git knows it: `github.user`, then `user.name` (cli/local-context.ts). */
export const USER_SETTINGS = "github\\.user|user\\.name";

export interface LocalRepoOptions {
  /** Top level of the working tree (see `LocalRepo.open` to find it from any folder inside). */
  root: string;
  /** How long an append or write waits for another process's lock before failing. Default 5 s. */
  lockTimeoutMs?: number;
  /** A lock taken on another host (shared file system) is stale after this long. Default 30 s. */
  staleLockMs?: number;
}

/** How many commits back a history is extended from a remembered one before git is asked instead. */
const HISTORY_STEPS = 16;

export class LocalRepo implements Repo, WorkTree {
  readonly root: string;
  private readonly lock: LockOptions;
  private defaultName: Promise<DefaultBranch> | undefined;
  private settings: Promise<Map<string, string>> | undefined;
  private readonly objects: CatFileSession;
  /** Refs read from their files, and what git said about recent commits (ADR 37): no git process when they know. */
  private readonly refs: RefFiles;
  private readonly memo: CommitMemo;
  /**
   * HEAD and the paths as the last `changes()` saw them, and HEAD's tree being read into a temporary
   * index meanwhile, for the commit that follows it (then forgotten).
   */
  private status: { head: StatusHead; paths: ReadonlySet<string>; prepared?: PreparedIndex } | undefined;
  /** Inside serialise: a checkpoint runs, and a listing of the changes is followed by a commit. */
  private checkpointing = false;
  /** The tree of every commit `revision()` looked up (HEAD's, when the work snapshot was taken). */
  private readonly trees = new Map<string, string>();

  constructor(options: LocalRepoOptions) {
    this.root = options.root;
    this.objects = new CatFileSession(options.root);
    this.refs = new RefFiles(options.root);
    this.memo = new CommitMemo(options.root);
    this.lock = { lockTimeoutMs: options.lockTimeoutMs ?? 5_000, staleLockMs: options.staleLockMs ?? 30_000 };
  }

  /** The repository that contains `cwd`, rooted at its top level. */
  static async open(cwd: string, options: Omit<LocalRepoOptions, "root"> = {}): Promise<LocalRepo> {
    try {
      const root =
        (await findTopLevel(cwd)) ?? (await runGit(cwd, ["rev-parse", "--show-toplevel"])).replace(/\n$/, "");
      return new LocalRepo({ ...options, root });
    } catch (error) {
      if (!isGitExit(error, 128)) throw error;
      throw new Error(`${cwd} is not inside a git working tree; local mode works on a repository's files and git`, {
        cause: error,
      });
    }
  }

  async read(path: string, ref?: string): Promise<FileSnapshot | undefined> {
    const { relative, absolute } = await confinePath(this.root, path);
    if (ref === undefined) {
      const bytes = await readIfExists(absolute, relative);
      return bytes && { path: relative, text: decodeText(bytes), version: blobId(bytes) };
    }
    if (relative.includes("\n"))
      throw new Error(`cannot read ${JSON.stringify(path)} at a ref: git cannot look up names with a newline`);
    const at = checkedRef(ref);
    const memo = await this.commitMemo(at);
    const known = memo && (await this.entryAt(memo, at, relative));
    if (known !== undefined) {
      if (known === null) return undefined;
      if (known.symlink) throw new PathRefused(relative, SYMLINK_IN_GIT);
      const text = await this.blobText(known.oid, absolute);
      if (text !== undefined) return { path: relative, text, version: known.oid };
    }
    const slash = relative.lastIndexOf("/");
    // The parent folder's tree too, in the same git process: only it knows whether the entry is a symlink.
    const parent = slash < 0 ? `${at}^{tree}` : `${at}:${relative.slice(0, slash)}`;
    const [object, tree] = await this.catFile([`${at}:${relative}`, parent]);
    const symlink =
      tree?.type === "tree" &&
      treeEntry(tree.content, relative.slice(slash + 1), tree.oid.length / 2)?.mode === "120000";
    const entry: MemoEntry = object?.type === "blob" ? { oid: object.oid, symlink } : null;
    await memo?.learnEntry(at, relative, entry);
    if (!entry) return undefined;
    if (symlink) throw new PathRefused(relative, SYMLINK_IN_GIT);
    return { path: relative, text: decodeText((object as GitObject).content), version: entry.oid };
  }

  /**
   * A blob's text without a git process where its bytes are at hand and hash to its id: the working
   * tree's file, else git's loose object; else from git. Undefined when git does not have it.
   */
  private async blobText(oid: string, absolute: string): Promise<string | undefined> {
    const bytes = await readIfExists(absolute).catch(() => undefined);
    if (bytes && blobId(bytes) === oid) return decodeText(bytes);
    return this.readBlob(oid);
  }

  /**
   * The memo, when `commit` is a commit id it knows or can learn from git's loose objects (and the
   * layout is one whose refs are read from files: no replace refs). A commit made or fetched here
   * since the last command is usually loose: reading it costs no git process (ADR 42).
   */
  private async commitMemo(commit: string): Promise<CommitMemo | undefined> {
    if (!isObjectId(commit) || !(await this.refs.plain())) return undefined;
    if ((await this.memo.tree(commit)) !== undefined) return this.memo;
    const objects = await this.refs.objects();
    const tree = objects === undefined ? undefined : await looseCommitTree(objects, commit);
    if (tree === undefined) return undefined;
    await this.memo.learnTree(commit, tree);
    return this.memo;
  }

  /** The object at `path` in `commit` (whose tree the memo knows) from loose trees, recorded in the memo; undefined: ask git. */
  private async looseEntry(memo: CommitMemo, commit: string, path: string): Promise<MemoEntry | undefined> {
    const [objects, tree] = await Promise.all([this.refs.objects(), memo.tree(commit)]);
    if (objects === undefined || tree === undefined) return undefined;
    const entry = await looseTreeEntry(objects, tree, path);
    if (entry !== undefined) await memo.learnEntry(commit, path, entry);
    return entry;
  }

  /** The object at `path` in a commit the memo knows, from the memo or loose trees; undefined: ask git. */
  private async entryAt(memo: CommitMemo, commit: string, path: string): Promise<MemoEntry | undefined> {
    const recorded = await memo.entry(commit, path);
    return recorded !== undefined ? recorded : this.looseEntry(memo, commit, path);
  }

  /**
   * A working-tree file from byte `offset` on, with its stat version (see append-in-place.ts): a
   * write based on it conflicts if the file changed in any way since, without hashing the whole file.
   */
  async readTail(path: string, offset: number): Promise<{ tail: FileTail; version: string } | undefined> {
    const { relative, absolute } = await confinePath(this.root, path);
    const read = await readTailIfExists(absolute, offset, relative);
    if (!read) return undefined;
    const size = Number(read.info.size);
    const text = size <= offset ? "" : decodeText(read.bytes);
    const identity = `${read.info.dev}:${read.info.ino}`;
    return { tail: { path: relative, text, size, identity }, version: statVersion(read.info) };
  }

  async list(dir: string, ref?: string): Promise<string[]> {
    const { relative, absolute } = await confinePath(this.root, dir, { allowRoot: true });
    const prefix = relative === "" ? "" : `${relative}/`;
    if (ref === undefined) {
      const entries = await readdir(absolute, { withFileTypes: true }).catch(ifMissing([]));
      return entries
        .filter((entry) => entry.isFile() && !isScratchFile(entry.name))
        .map((entry) => prefix + entry.name)
        .sort();
    }
    try {
      return await listTree(this.root, checkedRef(ref), prefix);
    } catch (error) {
      if (isGitExit(error, 128) && (await this.revision(ref)) === undefined) return []; // no such ref, or no commits yet
      throw error;
    }
  }

  /**
   * Append `text` to a working-tree file only if it is still at `expectedVersion` (undefined: only if
   * it does not exist). Atomic: a crash leaves the file as it was or with the whole text appended.
   */
  async appendFile(
    path: string,
    text: string,
    expectedVersion: string | undefined,
  ): Promise<{ ok: true; version: string } | { ok: false; reason: "conflict" }> {
    const { absolute } = await confinePath(this.root, path);
    await mkdir(dirname(absolute), { recursive: true });
    return withFileLock(absolute, path, this.lock, async () => {
      const current = await readIfExists(absolute, path);
      const version = current && blobId(current);
      if (version !== expectedVersion) return { ok: false, reason: "conflict" } as const;
      // Whole-file replace (temp + fsync + rename): readers and crashes see the old file or the new one.
      const next = Buffer.concat([current ?? Buffer.alloc(0), Buffer.from(text, "utf8")]);
      await replaceFile(absolute, next);
      return { ok: true, version: blobId(next) } as const;
    });
  }

  /** Create or replace a working-tree file atomically. */
  async writeFile(path: string, text: string): Promise<void> {
    const { absolute } = await confinePath(this.root, path);
    await mkdir(dirname(absolute), { recursive: true });
    // Under the same lock as append, so a write never interleaves with an append's read-compare-replace.
    await withFileLock(absolute, path, this.lock, () => replaceFile(absolute, Buffer.from(text, "utf8")));
  }

  async revision(ref?: string): Promise<Revision | undefined> {
    const name = checkedRef(ref ?? "HEAD");
    const known = await this.knownRevision(name);
    if (known) return known;
    const [commit] = await this.catFile([`${name}^{commit}`]);
    if (!commit) return undefined;
    // The commit's own first line names its tree (asking for `<ref>^{tree}` too could answer for
    // another commit when the ref moves in between).
    const tree = /^tree ([0-9a-f]{40}(?:[0-9a-f]{24})?)\n/.exec(commit.content.subarray(0, 80).toString("latin1"))?.[1];
    if (tree === undefined) return undefined;
    this.trees.set(commit.oid, tree);
    if (await this.refs.plain()) await this.memo.learnTree(commit.oid, tree);
    return { commit: commit.oid, tree };
  }

  /**
   * HEAD, a branch or a commit id, without git: the ref read from its file (ref-files.ts), the tree
   * from the memo or the loose commit. Undefined whenever they do not know.
   */
  private async knownRevision(name: string): Promise<Revision | undefined> {
    const oid = isObjectId(name) ? name : (await this.refs.resolve(name))?.oid;
    if (oid === undefined) return undefined;
    const tree = await (await this.commitMemo(oid))?.tree(oid);
    if (tree === undefined) return undefined;
    this.trees.set(oid, tree);
    return { commit: oid, tree };
  }

  /** The default branch, known for certain (see findDefaultBranch), or an error saying how to set it. */
  async defaultBranch(): Promise<string> {
    return (await this.findDefault()).name;
  }

  private findDefault(): Promise<DefaultBranch> {
    this.defaultName ??= findDefaultBranch(this.root, this.gitSettings(), (ref) => this.probeRef(ref)).then(
      async (found) => {
        // Object lookups follow: when the memo does not know the branch's commit, git cat-file starts now.
        if ((await this.knownTip(found.ref)) === undefined) this.objects.prestart();
        return found;
      },
    );
    return this.defaultName;
  }

  /** A ref as findDefaultBranch asks: from its file, existing when it names a commit the memo knows. */
  private async probeRef(ref: string): Promise<{ exists: boolean; symref?: string } | undefined> {
    const found = await this.refs.resolve(ref);
    if (found === null) return { exists: false };
    if (found === undefined || (await this.knownTip(ref)) === undefined) return undefined;
    return { exists: true, ...(found.symref !== undefined && { symref: found.symref }) };
  }

  /** The commit `ref` names, read from its file, when the memo knows it (it is a commit); else undefined. */
  private async knownTip(ref: string): Promise<string | undefined> {
    const oid = (await this.refs.resolve(ref))?.oid;
    return oid !== undefined && (await this.commitMemo(oid)) ? oid : undefined;
  }

  /**
   * The git settings a command reads (the default branch's, the merge driver's, and who the user is:
   * the actor when none is given), from one `git config` process per command, read when first
   * asked. A setting written later is not seen here.
   */
  gitSettings(): Promise<Map<string, string>> {
    this.settings ??= readGitConfig(
      this.root,
      `^(${DEFAULT_BRANCH_SETTINGS}|${MERGE_DRIVER_SETTINGS}|${USER_SETTINGS})$`,
    );
    return this.settings;
  }

  /** Start reading the default branch now (its git processes run while the caller does other work). */
  prefetchDefaultBranch(): void {
    this.findDefault().catch(() => undefined);
  }

  /**
   * The files at a branch (local, else `origin/<branch>`) or commit; an unknown ref gives an empty
   * snapshot. The default branch is read from its one ref (see DefaultBranch), never guessed.
   */
  async snapshot(ref: string): Promise<Snapshot> {
    const resolved = await this.resolveRef(ref);
    const revision = resolved === undefined ? undefined : await this.revision(resolved);
    return new GitSnapshot(this, ref, revision);
  }

  /** Locally, work happens in the working tree, whatever branch is checked out. */
  async work(_branch: string): Promise<Snapshot> {
    return new WorkingTreeSnapshot(this, await this.revision());
  }

  /**
   * One step, written to the working tree: every changed file is locked (in path order, so writers
   * never deadlock), each must still have the version `base` read, then puts and deletes land and the
   * log's append comes last, so a crash never leaves an event without its files. Appends go in place
   * (append-in-place.ts): a step costs the same on a 10-line log and a 100,000-line one.
   */
  async write(step: StepWrite): Promise<WriteResult> {
    const base = step.base;
    if (!(base instanceof WorkingTreeSnapshot)) throw new Error("local writes go to the working tree: pass work()");
    return writeStep(this.root, this.lock, step.changes, base.versions, (versions) => {
      return new WorkingTreeSnapshot(this, base.revision, versions);
    });
  }

  /** A blob's text by id (`git cat-file blob <id>`), or undefined when git does not have it. */
  async readBlob(id: string): Promise<string | undefined> {
    if (!isObjectId(id)) return undefined;
    // From git's loose object when it is one; objects() is undefined where replace refs could swap it (ADR 42).
    const objects = await this.refs.objects();
    const loose = objects === undefined ? undefined : await readLooseBlob(objects, id);
    if (loose) return decodeText(loose);
    const [object] = await this.catFile([id]);
    return object?.type === "blob" ? decodeText(object.content) : undefined;
  }

  /**
   * Every blob id `paths` had in `branch`'s history, through merges; empty for a branch without
   * commits. A commit's history never changes while the repository has no shallow boundary and no
   * grafts: it is remembered then, and a commit whose ancestor's is remembered adds the blobs of the
   * loose commits since (ADR 42); else `git log` answers.
   */
  async historyBlobs(branch: string, paths: string[]): Promise<Set<string>> {
    const tip = await this.resolveRef(branch);
    if (tip === undefined) return new Set();
    const ownHistory = await this.refs.ownHistory();
    const memo = ownHistory ? await this.commitMemo(tip) : undefined;
    const known = memo && (await this.knownHistory(memo, tip, paths));
    if (known) return known;
    const ids = await historyBlobs(this.root, tip, paths);
    await memo?.learnHistory(tip, paths, ids);
    return ids;
  }

  /**
   * `paths`' history at `tip` from the memo, or from the nearest of its first HISTORY_STEPS ancestors
   * whose history is recorded (or the root) plus the blobs at each loose single-parent commit on the
   * way; only the tip's is recorded. Undefined: ask git.
   */
  private async knownHistory(memo: CommitMemo, tip: string, paths: string[]): Promise<Set<string> | undefined> {
    const recorded = await memo.history(tip, paths);
    const objects = await this.refs.objects();
    if (recorded || objects === undefined) return recorded;
    const trees: string[] = [];
    let at: string | undefined = tip;
    let base: Set<string> | undefined;
    for (let step = 0; at !== undefined && step <= HISTORY_STEPS; step++) {
      base = step === 0 ? undefined : await memo.history(at, paths);
      if (base) break;
      const loose = await looseCommit(objects, at);
      if (!loose || loose.parents.length > 1) return undefined;
      trees.push(loose.tree);
      at = loose.parents[0];
    }
    if (!base && at !== undefined) return undefined; // not within HISTORY_STEPS
    const ids = new Set(base);
    for (const tree of trees) {
      for (const path of paths) {
        const entry = await looseTreeEntry(objects, tree, path);
        if (entry === undefined) return undefined;
        if (entry) ids.add(entry.oid);
      }
    }
    await memo.learnHistory(tip, paths, ids);
    return ids;
  }

  /** See fileHistory (file-history.ts): the versions `path` went through in `commit`'s history. */
  async fileHistory(commit: string, path: string): Promise<{ commit: string; parents: string[]; blob?: string }[]> {
    const tip = await this.resolveRef(commit);
    if (tip === undefined) return [];
    const { relative } = await confinePath(this.root, path);
    return fileHistory(this.root, tip, relative);
  }

  /** Bytes of a working-tree file, or undefined. */
  async readBytes(path: string): Promise<Uint8Array | undefined> {
    const { relative, absolute } = await confinePath(this.root, path);
    return readIfExists(absolute, relative);
  }

  /** `refs/heads/<ref>`, else `refs/remotes/origin/<ref>`, else `<ref>` itself (a commit), whichever names a commit. */
  private async resolveRef(ref: string): Promise<string | undefined> {
    const name = checkedRef(ref);
    const known = await this.findDefault().catch(() => undefined);
    if (known?.name === name) {
      const tip = await this.knownTip(known.ref);
      if (tip !== undefined) return tip;
    }
    const candidates = known?.name === name ? [known.ref] : [`refs/heads/${name}`, `refs/remotes/origin/${name}`, name];
    const found = await this.catFile(candidates.map((c) => `${c}^{commit}`));
    const index = found.findIndex((object) => object !== undefined);
    return index < 0 ? undefined : (found[index] as GitObject).oid;
  }

  /** The branch checked out (see readCurrentBranch); undefined when HEAD is detached. */
  currentBranch(): Promise<string | undefined> {
    return readCurrentBranch(this.root);
  }

  /**
   * Changed and untracked files, without our own lock and temporary files (a checkpoint must never
   * commit those); temporary files left by crashed writes are removed on the way.
   */
  async changes(): Promise<string[]> {
    if (this.checkpointing) preloadSecretlint(); // the screen comes next: its rules load while git lists the changes
    const { changes, head } = await readChanges(this.root);
    const paths = changes.map((change) => change.path);
    await this.status?.prepared?.dispose();
    // Under the checkpoint lock, the commit that may follow starts from HEAD's tree: git reads it while
    // the files are screened (serialise removes it if no commit follows). Other listings prepare nothing.
    const prepare = this.checkpointing && head.commit !== undefined && paths.length > 0;
    const prepared = prepare ? prepareIndex(head.commit as string, this.root) : undefined;
    this.status = { head, paths: new Set(paths), ...(prepared && { prepared }) };
    await removeCrashedTemps(paths.filter(isScratchFile).map((path) => join(this.root, path)));
    return paths.filter((path) => !isScratchFile(path));
  }

  /** Secrets by content, symlinks out of the repository, odd names (see screenChanges). */
  screen(
    paths: string[],
    listed?: ReadonlySet<string>,
    onProgress?: (done: number, total: number) => void,
  ): Promise<HeldBack[]> {
    return screenChanges(this.root, paths, listed, onProgress);
  }

  serialise<T>(fn: () => Promise<T>): Promise<T> {
    return withCheckpointLock(this.root, async () => {
      this.checkpointing = true;
      try {
        return await fn();
      } finally {
        this.checkpointing = false;
        // A listing not followed by a commit (too few changes, a refusal) leaves no temporary index.
        await this.status?.prepared?.dispose();
        this.status = undefined;
      }
    });
  }

  /** Commit exactly `paths` on the checked-out `branch` (see commitPaths: never the default branch, never forced). */
  async commit(input: CommitInput): Promise<string> {
    // HEAD as the changes were listed (under the checkpoint lock) is not read again: if the branch
    // moved since, the compare-and-swap refuses. Its tree is known when the work snapshot was taken
    // at the same commit, else it comes from the cat-file session.
    const status = this.status;
    this.status = undefined;
    const head = status?.head;
    const commit = head?.commit;
    const [defaultBranch, tree] = await Promise.all([
      this.defaultBranch(),
      commit === undefined ? undefined : (this.trees.get(commit) ?? this.revision(commit).then((r) => r?.tree)),
    ]);
    const known = head && { ...head, ...(tree !== undefined && { tree }) };
    // Paths that status listed are not ignored (it lists no ignored file): git need not be asked again.
    const unignored = status !== undefined && input.paths.every((path) => status.paths.has(path));
    const prepared = status?.prepared;
    try {
      return await commitPaths(this.root, {
        ...input,
        ...{ defaultBranch, unignored },
        ...(known && { head: known }),
        ...(prepared && { prepared }),
      });
    } finally {
      await prepared?.dispose();
    }
  }

  /**
   * Whether `commit` is in `head`'s history (see commitReach: no git process when it is `head` or its
   * parent, and both are loose objects, as a checkpoint made here leaves them).
   */
  reaches(commit: string, head: string, made?: string): Promise<CommitReach> {
    return commitReach(this.root, commit, head, (names) => this.lookupObjects(names), made);
  }

  /** Objects by name: an object id from its loose object when it is one (ADR 42), the rest through catFile. */
  private async lookupObjects(names: string[]): Promise<Array<GitObject | undefined>> {
    const objects = await this.refs.objects();
    const found = await Promise.all(
      names.map(async (name): Promise<GitObject | undefined> => {
        const loose = objects !== undefined && isObjectId(name) ? await readLooseObject(objects, name) : undefined;
        return loose && { oid: name, type: loose.type, content: loose.body };
      }),
    );
    const missing = names.filter((_, i) => found[i] === undefined);
    if (missing.length === 0) return found;
    const asked = await this.catFile(missing);
    return found.map((object) => object ?? asked.shift());
  }

  /**
   * Look objects up by name through the repository's cat-file session (one git process for a burst
   * of reads); undefined for a missing one. Names travel on stdin, never in argv, so no ref or path
   * can be read as an option.
   */
  private catFile(names: string[]): Promise<Array<GitObject | undefined>> {
    return this.objects.lookup(names);
  }
}
