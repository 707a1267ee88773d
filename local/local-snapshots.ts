import type { FileSnapshot, FileTail, Revision, Snapshot } from "../core/index.js";
import type { LocalRepo } from "./local-repo.js";

/** The files of one commit, read from git's objects. */
export class GitSnapshot implements Snapshot {
  constructor(
    private readonly repo: LocalRepo,
    readonly ref: string,
    readonly revision: Revision | undefined,
  ) {}

  async read(path: string): Promise<FileSnapshot | undefined> {
    return this.revision ? this.repo.read(path, this.revision.commit) : undefined;
  }

  async list(dir: string): Promise<string[]> {
    return this.revision ? this.repo.list(dir, this.revision.commit) : [];
  }
}

/**
 * The working tree, where local work happens. It remembers the version of every file it read (and of
 * every file a write produced), so a write can check nothing it read has changed since.
 */
export class WorkingTreeSnapshot implements Snapshot {
  readonly ref = undefined;
  /** Path → version read (undefined: the file did not exist). */
  readonly versions: Map<string, string | undefined>;

  constructor(
    private readonly repo: LocalRepo,
    readonly revision: Revision | undefined,
    versions?: Map<string, string | undefined>,
  ) {
    this.versions = new Map(versions);
  }

  /**
   * What this snapshot read, by path: a second read returns the first one's file, so several steps
   * decided on one snapshot (an `execute` pass reads the same deliverables for every task) see one
   * version of each file, the version a write based on it checks, and read it once.
   */
  private readonly files = new Map<string, Promise<FileSnapshot | undefined>>();

  read(path: string): Promise<FileSnapshot | undefined> {
    let file = this.files.get(path);
    if (!file) {
      file = this.repo.read(path).then((read) => {
        this.versions.set(read?.path ?? normalise(path), read?.version);
        return read;
      });
      this.files.set(path, file);
      file.catch(() => this.files.delete(path));
    }
    return file;
  }

  async readTail(path: string, offset: number): Promise<FileTail | undefined> {
    const read = await this.repo.readTail(path, offset);
    this.versions.set(read?.tail.path ?? normalise(path), read?.version);
    return read?.tail;
  }

  list(dir: string): Promise<string[]> {
    return this.repo.list(dir);
  }
}

function normalise(path: string): string {
  return path
    .split("/")
    .filter((segment) => segment !== "" && segment !== ".")
    .join("/");
}
