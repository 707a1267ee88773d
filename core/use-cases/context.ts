import type { Clock, Forge, Logger, Repo } from "../ports.js";

/** Everything a use case needs from its shell. */
export interface Context {
  repo: Repo;
  forge: Forge;
  clock: Clock;
  logger: Logger;
  /** The run doing the work: a CLI invocation, an Action job, an agent's session. */
  sessionId: string;
  /** Who is acting (a GitHub login; in local mode `--as` or the configured user). */
  actor: string;
  /**
   * Where the plan is read from. Undefined: the working tree (local mode). Approvers are always
   * read from the default branch regardless.
   */
  planRef?: string;
  /** Where deliverables are read. Undefined: the working tree (local mode); on GitHub the milestone branch. */
  workRef?: string;
}
