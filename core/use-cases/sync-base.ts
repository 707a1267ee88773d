import type { MilestoneState } from "../events/state.js";
import type { Plan } from "../plan/plan.js";
import type { LabelOptions } from "../projection/labels.js";
import type { KnownProjection } from "../projection/projection.js";
import type { StatusView } from "../render/status-view.js";

/** How a sync runs: what the shell asks of it (`sync`'s options). */
export interface SyncOptions {
  /** Compute and return the writes without making any: the preview `--dry-run` and the plan check show. */
  dryRun?: boolean;
  /** Stop cleanly after this many writes; the next run finishes the job. */
  maxWrites?: number;
  /** Stop cleanly after this long (ms of the context's clock); the next run finishes the job. */
  maxMs?: number;
  /** What the caller knows of GitHub already (a webhook's payload): those lists are not read. */
  known?: KnownProjection;
  /**
   * False: edit the dashboard from the list just read, without reading it again first (a command's
   * projection, read after its log write; a box ticked in between still runs through its webhook).
   */
  rereadDashboard?: boolean;
  /**
   * When this run creates the dashboard, post the "getting started" comment on it (the App and the
   * Action, whose users answer with comment commands; not `phasegate sync`, which may have neither).
   */
  gettingStarted?: boolean;
}

/** What every reconciler of one sync reads: the plan, the state and its view, the labels, the options. */
export interface SyncBase {
  plan: Plan;
  state: MilestoneState;
  view: StatusView;
  /** From the repository's settings (MilestoneHandle.labels). */
  labels: LabelOptions;
  options: SyncOptions;
}
