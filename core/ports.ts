/**
 * The ports: the only way the core touches the world. Shells pass implementations in.
 * - local/ implements Repo, WorkTree, Forge, CiSignal (the test command), LogWitness and PlanCache over a
 *   working tree and local git (CLI, Action in a checkout);
 * - github/ implements Repo, Tracker, Forge and CiSignal (branch checks) over GitHub's REST API (App,
 *   Action, `phasegate sync`);
 * - test/helpers/memory has an in-memory implementation of each, and test/contract runs one contract
 *   suite per port against it and the real adapters.
 * See docs/adr/0009-ports-for-a-remote-repository.md.
 */
import type { CheckState, ConflictReport } from "./rules/check-state.js";
import type { CommitReach } from "./rules/lost-checkpoint.js";
import type { RowsSource } from "./events/lazy-rows.js";
import type { MilestoneState } from "./events/state.js";
import type { Permission } from "./plan/plan.js";
import type {
  Comment,
  KnownProjection,
  Projection,
  TrackerOp,
  TrackerResult,
  TrackedIssue,
} from "./projection/projection.js";

export type { CheckState, CommitReach, ConflictReport };
/** A file as read, with its version: the git blob id of its bytes. */
export interface FileSnapshot {
  path: string;
  text: string;
  version: string;
  /**
   * The path is a symlink (git mode 120000; locally, lstat): `text` is then its target's name in git,
   * not a file's content. Only readers that can tell cheaply set it (GitHub trees, a checkout read for
   * validation); absent means not known to be one.
   */
  symlink?: true;
}

/** The end of a file from a byte offset on, with what identifies the whole file (see Snapshot.readTail). */
export interface FileTail {
  path: string;
  /** The bytes from the offset to the end, as text; "" when the file is not longer than the offset. */
  text: string;
  /** The file's length in bytes. */
  size: number;
  /** What stays the same while the file is only appended to (locally: its device and inode). */
  identity: string;
}

/** A commit and its tree (approvals record what the approver saw). */
export interface Revision {
  commit: string;
  tree: string;
}

/** Reading files: what a snapshot offers, and what the local adapter offers over the working tree. */
export interface FileReader {
  /** A file, or undefined when it does not exist. Paths are repository-relative and confined to it. */
  read(path: string): Promise<FileSnapshot | undefined>;
  /** Paths of the files directly in `dir` (not recursive), sorted; [] when it does not exist. */
  list(dir: string): Promise<string[]>;
}

/**
 * A consistent, read-only view of the repository's files: one commit, or (local mode) the working
 * tree. Reads of one snapshot never mix two commits; adapters cache blobs by id.
 */
export interface Snapshot extends FileReader {
  /** What was asked for: a branch or commit, or undefined for the working tree. */
  readonly ref: string | undefined;
  /**
   * The commit the files come from (for the working tree: HEAD, what its files are based on).
   * Always known for `work()` snapshots (writes need it); a `snapshot(ref)` may leave it undefined
   * when reading the files did not need it (GitHub reads a branch's tree by name), and it is
   * undefined for a branch that does not exist yet or a repository without commits.
   */
  readonly revision: Revision | undefined;
  /**
   * A file's bytes from `offset` on, or undefined when it does not exist. Optional: only the working
   * tree offers it, so a writer re-verifies only what was appended to the log since its trusted prefix.
   * A write based on this snapshot still checks that the whole file did not change since.
   */
  readTail?(path: string, offset: number): Promise<FileTail | undefined>;
}

/** One file changed by an engine step. */
export type FileChange =
  | { kind: "append"; path: string; text: string }
  | { kind: "put"; path: string; text: string }
  | { kind: "delete"; path: string };

/** One engine step: every change lands together or none does. */
export interface StepWrite {
  /** The branch work happens on (the milestone branch). Locally: the working tree, whatever is checked out. */
  branch: string;
  /**
   * The snapshot the step was decided on (from `work()` or a previous write). The write succeeds only
   * if nothing it read changed since: on GitHub the branch head must still be its commit (a ref update
   * without force); locally every changed file it read must still have the version it read.
   */
  base: Snapshot;
  changes: FileChange[];
  /** The commit message on GitHub (one commit per step); unused by the working tree. */
  message: string;
}

/** `conflict`: someone else wrote first. Re-read, re-decide, retry. */
export type WriteResult = { ok: true; snapshot: Snapshot } | { ok: false; reason: "conflict" };

/** The repository's files and history: reads at a ref, one compare-and-swap write per step. */
/** Files a caller will read from a snapshot next (a hint: reading others is fine, so is reading fewer). */
export interface ReadHint {
  paths: readonly string[];
  /** A branch the caller opens with `work()` right after, and the files it reads there. */
  then?: { branch: string; paths: readonly string[] };
}

export interface Repo {
  /**
   * The default branch, where plans are authoritative. Never the milestone branch. Throws an error
   * that says how to set it when it cannot be known for certain.
   */
  defaultBranch(): Promise<string>;
  /**
   * The files at a branch or commit. A branch that does not exist gives an empty snapshot. `hint`
   * names files the caller is about to read, which a remote adapter may fetch in one request.
   */
  snapshot(ref: string, hint?: ReadHint): Promise<Snapshot>;
  /**
   * The files where work on `branch` happens: locally the working tree; on GitHub the branch's head,
   * or the default branch's head when the branch does not exist yet (the first write creates it there).
   */
  work(branch: string, hint?: ReadHint): Promise<Snapshot>;
  /** Write one step atomically; never forces. */
  write(step: StepWrite): Promise<WriteResult>;
  /**
   * A blob's text by its id (a plan version an event records), or undefined when the repository does
   * not have it. Optional: the audit falls back to the current plan, with a note, without it.
   */
  readBlob?(id: string): Promise<string | undefined>;
  /**
   * The ids of every version the files `paths` had in `branch`'s history (merged side branches
   * included): which plan versions the default branch ever held. Optional: the audit trusts recorded
   * versions without it.
   */
  historyBlobs?(branch: string, paths: string[]): Promise<Set<string>>;
  /**
   * The commit of the last step Phasegate itself wrote to the milestone's log, kept where the branch
   * does not reach (GitHub: `refs/phasegate/anchors/<milestone>`, ADR 19); undefined when there is
   * none. Optional: only the GitHub adapter has one.
   */
  logAnchor?(milestoneId: string): Promise<string | undefined>;
  /**
   * The commits in `commit`'s history that changed `path`, oldest first, each with its parents
   * rewritten to the nearest such commits (merges kept, both sides), and the file's blob id in each
   * (none: deleted there): the versions a log went through. Optional: only a local clone has the
   * history at hand.
   */
  fileHistory?(commit: string, path: string): Promise<{ commit: string; parents: string[]; blob?: string }[]>;
}

/** Operations that need a working tree: only local/ implements it (CLI, Action in a checkout). */
export interface WorkTree {
  /** The branch checked out; undefined when HEAD is detached. */
  currentBranch(): Promise<string | undefined>;
  /** Changed and untracked files that git does not ignore, relative to HEAD. */
  changes(): Promise<string[]>;
  /**
   * Of `paths`, those a checkpoint must leave out by content or kind (a secret inside, a symlink out,
   * a binary or very large file), with why. Binary and large files among `listed` (the plan's
   * deliverables) are not held back for being binary or large; secrets in them still are.
   */
  screen(
    paths: string[],
    listed?: ReadonlySet<string>,
    onProgress?: (done: number, total: number) => void,
  ): Promise<HeldBack[]>;
  /** Run `fn` while no other checkpoint of this working tree runs (one process at a time). */
  serialise<T>(fn: () => Promise<T>): Promise<T>;
  /** A file's bytes as they are in the working tree (for checkpoints through the API), or undefined. */
  readBytes(path: string): Promise<Uint8Array | undefined>;
  /**
   * Commit exactly `paths` (as they are in the work tree) on the checked-out `branch`; never forces.
   * Repository hooks run only with `hooks: true`. Returns the commit of `paths`. With `then`, once
   * that commit exists `then.record(commit)` writes what describes it and names the files it wrote;
   * a second commit on top holds those (no hooks), and the branch moves once, to it.
   */
  commit(input: CommitInput): Promise<string>;
  /**
   * Whether `commit` is in the history of commit `head` (ADR 39): `reached`, `rewritten` (a commit
   * there since they parted names it: a rebase copied it), `off-branch` (git has it outside that
   * history), `missing` (git does not have it), or `cannot-tell` (git lacks `head`, a shallow clone).
   * Cheap when `commit` is `head` or its parent (no git process started); else one or more. `made`
   * (when the commit was made, ISO) bounds the search for a copy when git does not have `commit`.
   */
  reaches?(commit: string, head: string, made?: string): Promise<CommitReach>;
}

export interface CommitInput {
  branch: string;
  paths: string[];
  message: string;
  hooks?: boolean;
  then?: CommitFollowUp;
}

/** What describes a commit, written once the commit exists (WorkTree.commit's `then`). */
export interface CommitFollowUp {
  record(commit: string): Promise<string[]>;
  message(commit: string): string;
  /**
   * Called when `record` wrote its description but the branch did not take the commit (git refused
   * to move it: it moved meanwhile, a full disk), with git's words; the refusal is thrown after it.
   * What `record` wrote must then be corrected, since a commit off the branch is no checkpoint.
   */
  lost?(commit: string, reason: string): Promise<void>;
}

/** A changed file a checkpoint left out, and the rule that held it back. */
export interface HeldBack {
  path: string;
  /** `file-name`, `symlink`, `odd-name`, or the secretlint rule id that matched the content. */
  rule: string;
  reason: string;
}

/**
 * The forge: who people are and whether the milestone's work merges.
 * GitHub in the App and the Action; a local stand-in (git) in the CLI.
 */
export interface Forge {
  /** The user's permission on the repository, checked through the API (never `author_association`). */
  getPermission(user: string): Promise<Permission | "none">;
  /** Whether `user` is in `@org/team`. Local mode cannot know and answers `undefined`. */
  isTeamMember(team: string, user: string): Promise<boolean | undefined>;
  /** Merge conflicts affecting the milestone (locally: unmerged paths and conflict markers in the working tree). */
  findConflicts(branch: string): Promise<ConflictReport>;
}

/**
 * Where the CI signal comes from. Each source takes only what it needs: GitHub's checks read the
 * milestone branch's head; the test command runs in the working tree, whatever branch is checked
 * out. The core asks the one in its context (evaluate-phase.ts: `SignalCache`).
 */
export type CiSignal = BranchChecks | TestRunner;

/** The checks and commit statuses on a branch's head (GitHub). */
export interface BranchChecks {
  readonly kind: "branch-checks";
  /** The combined verdict of the branch head's checks, Phasegate's own left out; `unknown` when none ran. */
  checkState(branch: string): Promise<CheckState>;
}

/** The plan's test command, run where the work is (the CLI, an Action with `run-tests`). */
export interface TestRunner {
  readonly kind: "test-command";
  /** Run `argv` (never through a shell) and say how it ended. */
  run(argv: string[]): Promise<CheckState>;
  /** Percentage of the disk in use where the tests run, or undefined when it cannot be known. */
  diskUsage(): Promise<number | undefined>;
}

/**
 * Where the last verified head of each log is kept out of reach of a working-tree edit (locally:
 * inside the git directory), so cutting lines from the end of the log is noticed.
 */
export interface LogWitness {
  /** The head (seq and hash) last seen for `milestoneId`, or undefined. */
  recall(milestoneId: string): Promise<{ seq: number; hash: string } | undefined>;
  /** Remember a verified head; only ever moves forward. */
  record(milestoneId: string, head: { seq: number; hash: string }): Promise<void>;
  /** Forget the head, after a confirmed repair wrote a shorter log (`phasegate log repair --yes`). */
  forget(milestoneId: string): Promise<void>;
  /**
   * The trusted prefix last recorded for `milestoneId` (see TrustedPrefix), or undefined. Optional,
   * as is recordPrefix: without them every command verifies and folds the whole log. `lazy`: the
   * task states may be parsed when first used (a command that reads a few tasks, ADR 32); otherwise
   * each is parsed now, and a prefix with one that does not parse is no prefix.
   */
  recallPrefix?(milestoneId: string, options?: { lazy?: boolean }): Promise<TrustedPrefix | undefined>;
  /** The seq of that prefix without reading its state (status asks, to record a prefix only once the log moved on). */
  recallPrefixSeq?(milestoneId: string): Promise<number | undefined>;
  /** Keep a prefix that was verified in full or grown from one by verified appends. */
  recordPrefix?(milestoneId: string, prefix: TrustedPrefix): Promise<void>;
}

/**
 * A verified prefix of an event log and the state folded from it, kept where an edit of the log does
 * not reach, so a command that writes verifies and folds only the lines appended after it. It is used
 * only while the log file is the same file (identity), at least as long, and still holds the prefix's
 * last line at the same place; otherwise the whole log is verified again. `verify` and `status` always
 * verify in full.
 */
export interface TrustedPrefix {
  /** Events in the prefix, and the hash of the last one. */
  seq: number;
  hash: string;
  /** Bytes of the prefix, and of its last line (with its line end); sha256 of that line. */
  bytes: number;
  lastLineBytes: number;
  lastLineDigest: string;
  /** The log file's identity (FileTail.identity) when the prefix was recorded. */
  identity: string;
  /** The plan version the state was folded with, and the settings' (`.github/phasegate.yml`), when there were any. */
  planVersion: string;
  settingsVersion?: string;
  state: MilestoneState;
}

/**
 * Parsed plans kept by blob id, so a large plan is parsed once per version rather than on every
 * command (locally in the git directory). Keys name the plan file, its blob id and the build that
 * parsed it; a shell that cannot tell its build passes no cache.
 */
export interface PlanCache {
  get(key: string): Promise<string | undefined>;
  /**
   * The entry under `key` read in parts, for a command that reads a few tasks (ADR 41): its tasks'
   * bytes are read when used. Optional: without it such a command reads the whole entry.
   */
  getRows?(key: string): Promise<RowsSource | undefined>;
  set(key: string, value: string): Promise<void>;
}

export interface Clock {
  now(): Date;
  /** Wait (back-off between retries). Fakes advance virtual time instead. */
  sleep(ms: number): Promise<void>;
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}

/**
 * Progress of long work (a sync's writes, an execute's tasks, a checkpoint's files), for a
 * terminal's progress bar. Shells without a terminal leave it out of the context.
 */
export interface Progress {
  /** `done` of `total` units of `step` (e.g. "sync", "writes") are finished. */
  update(step: string, unit: string, done: number, total: number): void;
  /** Nothing moves for `ms`: a wait GitHub asked for, or pacing under its limits. */
  wait(ms: number, reason: string): void;
  /** The work is over: the bar goes away. */
  end(): void;
}

/**
 * The GitHub-side objects state is projected onto: milestones, issues, labels, links, comments,
 * reactions, check runs, statuses. github/ implements it; local mode has none (no tracker in the context).
 * Every list is paginated; no per-object reads in a loop.
 */
/** A pull request's head, base and description, read through the API (never its code). */
export interface PullRequestInfo {
  number: number;
  /** The head commit. */
  sha: string;
  /** The branch it goes into. */
  base: string;
  body: string;
  author: string;
  /** Whether the head is in another repository (a fork). */
  fork: boolean;
  state: "open" | "closed";
}

export interface Tracker {
  /** What exists for milestone `milestoneId`: its GitHub milestone, the issues carrying its marker, every label. */
  readProjection(milestoneId: string, known?: KnownProjection): Promise<Projection>;
  /** One issue, fresh (the dashboard is re-read right before it is edited), or undefined. */
  getIssue(number: number): Promise<TrackedIssue | undefined>;
  /** Issue numbers that block `number` (read only where the issue's summary count disagrees with the plan). */
  listBlockedBy(number: number): Promise<number[]>;
  /**
   * Paths a pull request adds or changes (removed files left out), every page. With `removed`, every
   * path it touches: removed files and a rename's old path too (the merge gate).
   */
  listPullRequestFiles(number: number, options?: { removed?: boolean }): Promise<string[]>;
  /** One pull request as it is now (a comment's payload does not carry its head), or undefined. */
  getPullRequest(number: number): Promise<PullRequestInfo | undefined>;
  /**
   * Open pull requests, most recently updated first, into `base` when given: one paginated list that
   * stops after `max` (the merge gate re-judges a bounded number per delivery).
   */
  listOpenPullRequests(options: { base?: string; max: number }): Promise<PullRequestInfo[]>;
  /** The check runs named `name` on commit `sha` (a redelivered webhook finds its own and writes nothing). */
  listCheckRuns(
    sha: string,
    name: string,
  ): Promise<{ conclusion: string | null; title: string | null; summary: string | null }[]>;
  /** Comments on an issue (paginated), oldest first; with `since`, only those updated at or after it (ISO time). */
  listComments(number: number, options?: { since?: string }): Promise<Comment[]>;
  /**
   * Take the milestone's sync lease for `ttlMs`, so two syncs (two App replicas, the App and an
   * Action) never both create the same issue; undefined when another holder's lease is live.
   * GitHub has no unique key on issues: the lease is a ref, created atomically.
   */
  acquireLease(milestoneId: string, ttlMs: number): Promise<{ release(): Promise<void> } | undefined>;
  /**
   * Carry out one write. Creates carry a marker: a create whose response was lost is found by it
   * before being retried, so a retry never duplicates.
   */
  apply(op: TrackerOp): Promise<TrackerResult>;
}
