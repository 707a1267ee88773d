/** The CI signal's verdict, for blocker detection and phases that wait for green checks. */
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
