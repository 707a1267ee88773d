/**
 * The ports: the only way the core touches the world. Shells pass implementations in.
 * - cli/ implements them over the working tree and local git (local mode),
 * - app/ and action/ implement them over GitHub's REST API.
 */
import type { Permission } from "./plan/plan.js";

/** A file as read, with a version token for compare-and-swap writes (a git blob sha or a content hash). */
export interface FileSnapshot {
  path: string;
  text: string;
  version: string;
}

/** The commit and tree a decision was based on (approvals record what the approver saw). */
export interface Revision {
  commit: string;
  tree: string;
}

/** Result of a compare-and-swap write: `conflict` means someone else wrote first; re-read and re-decide. */
export type WriteResult = { ok: true; version: string } | { ok: false; reason: "conflict" };

/** Files and commits of the repository. Every path is repository-relative and confined to it. */
export interface Repo {
  /** Read a file, or undefined when it does not exist. `ref` reads it as of a branch or commit. */
  read(path: string, ref?: string): Promise<FileSnapshot | undefined>;
  /** Repository-relative paths of the files directly in `dir` (not recursive); [] when it does not exist. */
  list(dir: string, ref?: string): Promise<string[]>;
  /**
   * Append text to a file only if it is still at `expectedVersion` (undefined: only if it does not exist).
   * The append is atomic: a crash leaves the file as it was or with the whole text appended.
   */
  append(path: string, text: string, expectedVersion: string | undefined): Promise<WriteResult>;
  /** Create or replace a whole file (session snapshots, migrated plans); atomic. */
  write(path: string, text: string): Promise<void>;
  /** The current revision of the working tree's HEAD (or of `ref`). */
  revision(ref?: string): Promise<Revision | undefined>;
  /** The repository's default branch name (where plans and approvers are authoritative). */
  defaultBranch(): Promise<string>;
  /** The branch checked out (local mode), or the branch being worked on; undefined when detached. */
  currentBranch(): Promise<string | undefined>;
  /** Changed and untracked files that git does not ignore, relative to HEAD of the work branch. */
  changes(): Promise<string[]>;
  /** Commit exactly `paths` (as they are in the work tree) to `branch`; never forces. Returns the commit sha. */
  commit(input: { branch: string; paths: string[]; message: string }): Promise<string>;
}

/** Results of probing the outside world for blocker detection. */
export interface CheckState {
  state: "success" | "failure" | "pending" | "unknown";
  /** What ran or which checks failed, for the blocker's message. */
  summary: string;
}

export interface ConflictReport {
  /** Paths (or PR numbers as `#12`) with conflicts. */
  items: string[];
  summary: string;
}

/**
 * The forge: who people are and what the rest of the world says about the branch.
 * GitHub in the App and the Action; a local stand-in (git, the test command) in the CLI.
 */
export interface Forge {
  /** The user's permission on the repository, checked through the API (never `author_association`). */
  getPermission(user: string): Promise<Permission | "none">;
  /** Whether `user` is in `@org/team`. Local mode cannot know and answers `undefined`. */
  isTeamMember(team: string, user: string): Promise<boolean | undefined>;
  /** State of the checks on a branch (locally: runs the plan's test command). */
  getCheckState(branch: string, testCommand?: string[]): Promise<CheckState>;
  /** Merge conflicts affecting the milestone (locally: unmerged paths and conflict markers). */
  findConflicts(branch: string): Promise<ConflictReport>;
  /** Percentage of the disk in use where the work happens, or undefined when it does not matter. */
  getDiskUsage(): Promise<number | undefined>;
}

export interface Clock {
  now(): Date;
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}
