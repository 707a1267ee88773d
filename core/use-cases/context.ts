import type {
  CiSignal,
  Clock,
  FileSnapshot,
  Forge,
  Logger,
  LogWitness,
  PlanCache,
  Progress,
  Repo,
  Tracker,
  WorkTree,
} from "../ports.js";

/** Everything a use case needs from its shell. */
export interface Context {
  /**
   * The repository. Plans are always read from its default branch (gates, deliverables, tasks,
   * assignees, approvers: a branch cannot change them); the log and deliverables from the work
   * snapshot of the milestone branch.
   */
  repo: Repo;
  forge: Forge;
  /** Where CI's verdict comes from: the branch's checks on GitHub, or the plan's test command locally. */
  ci: CiSignal;
  clock: Clock;
  logger: Logger;
  /** The run doing the work: a CLI invocation, an Action job, an agent's session. */
  sessionId: string;
  /** Who is acting (a GitHub login; in local mode `--as` or the configured user). */
  actor: string;
  /** The working tree, where there is one (CLI, Action in a checkout): checkpoints need it. */
  workTree?: WorkTree;
  /** GitHub's issues, milestones and labels, where the shell reaches GitHub. */
  tracker?: Tracker;
  /** Keeps each log's last verified head out of reach of a working-tree edit (local mode). */
  witness?: LogWitness;
  /** Parsed plans by blob id (a plan's version never changes its meaning within one build). */
  planCache?: PlanCache;
  /**
   * Follows `_extends` in `.github/phasegate.yml` (the App, through Probot's config reader, which may
   * read the organisation's `.github` repository): the merged settings as parsed data.
   */
  extendSettings?: (file: FileSnapshot) => Promise<unknown>;
  /**
   * Where the work comes from, recorded in the `details` of every event this context writes (the App
   * sets `{ comment_id, command_line }` or `{ review_id }`): a redelivered webhook finds the commands
   * already carried out in the log, even when the reply that said so was deleted.
   */
  source?: { [key: string]: number };
  /** Random numbers in [0, 1) for retry jitter; injectable so tests are repeatable. */
  random?: () => number;
  /** Progress of long work, where a terminal shows it (the CLI on a TTY). */
  progress?: Progress;
}
