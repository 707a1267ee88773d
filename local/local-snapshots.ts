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

  async read(path: string): Promise<FileSnapshot | undefined> {
    const file = await this.repo.read(path);
    this.versions.set(file?.path ?? normalise(path), file?.version);
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
