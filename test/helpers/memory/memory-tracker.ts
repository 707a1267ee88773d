import type {
  CheckRunSpec,
  Comment,
  Projection,
  PullRequestInfo,
  TrackedIssue,
  TrackedLabel,
  TrackedMilestone,
  Tracker,
  TrackerOp,
  TrackerResult,
} from "../../../core/index.js";

/**
 * `Tracker` in memory: GitHub's milestones, issues, labels, links and comments as plain objects,
 * with GitHub's rules that matter to the sync (issue numbers, ids, 100 sub-issues per parent,
 * 50 "blocked by" links per issue). Counts reads and writes.
 */
export class MemoryTracker implements Tracker {
  readonly milestones: TrackedMilestone[] = [];
  readonly issues: TrackedIssue[] = [];
  readonly labels: TrackedLabel[] = [];
  readonly comments = new Map<number, Comment[]>();
  /** When each comment was last written (ms), for `listComments(…, { since })`. */
  private readonly commentTimes = new Map<number, number>();
  readonly blockedBy = new Map<number, Set<number>>();
  readonly reactions: { target: string; content: string; createdAt: string }[] = [];
  readonly checks: CheckRunSpec[] = [];
  readonly statuses: unknown[] = [];
  readonly dispatches: { eventType: string; payload: Record<string, unknown> }[] = [];
  /** Paths each pull request changes, as the test sets them. */
  readonly pullFiles = new Map<number, string[]>();
  /** Paths each pull request removes, as the test sets them. */
  readonly pullRemoved = new Map<number, string[]>();
  /** Pull requests as the test sets them. */
  readonly pulls = new Map<number, PullRequestInfo>();
  reads = 0;
  writes = 0;
  private next = 1;

  readonly leases = new Map<string, number>();
  now: () => number = () => Date.now();

  async acquireLease(milestoneId: string, ttlMs: number): Promise<{ release(): Promise<void> } | undefined> {
    const held = this.leases.get(milestoneId);
    if (held !== undefined && held > this.now()) return undefined;
    this.leases.set(milestoneId, this.now() + ttlMs);
    this.writes += 1;
    return {
      release: async () => {
        this.writes += 1;
        this.leases.delete(milestoneId);
      },
    };
  }

  async readProjection(milestoneId: string): Promise<Projection> {
    this.reads += 3;
    const marker = `phasegate:milestone=${milestoneId}`;
    const milestone = this.milestones.find((m) => m.description.includes(`<!-- ${marker} -->`));
    return {
      ...(milestone && { milestone: { ...milestone } }),
      issues: this.issues.filter((i) => i.body.includes(`<!-- ${marker} `)).map((i) => this.copy(i)),
      labels: this.labels.map((l) => ({ ...l })),
    };
  }

  async getIssue(number: number): Promise<TrackedIssue | undefined> {
    this.reads += 1;
    const issue = this.issues.find((i) => i.number === number);
    return issue && this.copy(issue);
  }

  async listBlockedBy(number: number): Promise<number[]> {
    this.reads += 1;
    return [...(this.blockedBy.get(number) ?? [])];
  }

  async listPullRequestFiles(number: number, options: { removed?: boolean } = {}): Promise<string[]> {
    this.reads += 1;
    const removed = options.removed ? (this.pullRemoved.get(number) ?? []) : [];
    return [...(this.pullFiles.get(number) ?? []), ...removed];
  }

  async getPullRequest(number: number): Promise<PullRequestInfo | undefined> {
    this.reads += 1;
    const pull = this.pulls.get(number);
    return pull && { ...pull };
  }

  async listOpenPullRequests(options: { base?: string; max: number }): Promise<PullRequestInfo[]> {
    this.reads += 1;
    return [...this.pulls.values()]
      .filter((p) => p.state === "open" && (options.base === undefined || p.base === options.base))
      .sort((a, b) => b.number - a.number)
      .slice(0, options.max)
      .map((p) => ({ ...p }));
  }

  async listCheckRuns(
    sha: string,
    name: string,
  ): Promise<{ conclusion: string | null; title: string | null; summary: string | null }[]> {
    this.reads += 1;
    return (this.checks as CheckRunSpec[])
      .filter((c) => c.sha === sha && c.name === name)
      .map((c) => ({ conclusion: c.conclusion, title: c.title, summary: c.summary }));
  }

  async listComments(number: number, options: { since?: string } = {}): Promise<Comment[]> {
    this.reads += 1;
    const since = options.since === undefined ? undefined : Date.parse(options.since);
    return (this.comments.get(number) ?? [])
      .filter((c) => since === undefined || (this.commentTimes.get(c.id) ?? 0) >= since)
      .map((c) => ({ ...c }));
  }

  async apply(op: TrackerOp): Promise<TrackerResult> {
    this.writes += 1;
    switch (op.kind) {
      case "create-label":
        this.labels.push({ ...op.label });
        return { kind: "label", label: { ...op.label } };
      case "update-label": {
        const label = this.labels.find((l) => l.name === op.name) as TrackedLabel;
        Object.assign(label, op.label);
        return { kind: "label", label: { ...label } };
      }
      case "create-milestone": {
        const milestone = { number: this.milestones.length + 1, ...op.milestone };
        this.milestones.push(milestone);
        return { kind: "milestone", milestone: { ...milestone } };
      }
      case "update-milestone": {
        const milestone = this.milestones.find((m) => m.number === op.number) as TrackedMilestone;
        Object.assign(milestone, op.milestone);
        return { kind: "milestone", milestone: { ...milestone } };
      }
      case "create-issue": {
        const { stateReason, ...spec } = op.issue;
        const number = this.next++;
        const issue: TrackedIssue = {
          ...spec,
          number,
          id: 1000 + number,
          stateReason: stateReason ?? null,
          parent: null,
          blockedByCount: 0,
          pullRequest: false,
        };
        this.issues.push(issue);
        return { kind: "issue", issue: this.copy(issue) };
      }
      case "update-issue": {
        const issue = this.issues.find((i) => i.number === op.number) as TrackedIssue;
        const { stateReason, ...spec } = op.issue;
        Object.assign(issue, spec, stateReason !== undefined && { stateReason });
        return { kind: "issue", issue: this.copy(issue) };
      }
      case "add-sub-issue": {
        if (this.issues.filter((i) => i.parent === op.parent).length >= 100) throw new Error("422 sub-issue limit");
        (this.issues.find((i) => i.number === op.child.number) as TrackedIssue).parent = op.parent;
        return { kind: "done" };
      }
      case "add-blocked-by": {
        const set = this.blockedBy.get(op.issue) ?? new Set<number>();
        if (set.size >= 50) throw new Error("422 blocked-by limit");
        set.add(op.blocker.number);
        this.blockedBy.set(op.issue, set);
        (this.issues.find((i) => i.number === op.issue) as TrackedIssue).blockedByCount = set.size;
        return { kind: "done" };
      }
      case "create-comment": {
        const comment = { id: 5000 + this.writes, author: "phasegate[bot]", body: op.body };
        this.comments.set(op.issue, [...(this.comments.get(op.issue) ?? []), comment]);
        this.commentTimes.set(comment.id, this.now());
        return { kind: "comment", comment: { ...comment } };
      }
      case "update-comment": {
        const found = [...this.comments.values()].flat().find((c) => c.id === op.id);
        if (!found) throw new Error(`404 no comment ${op.id}`);
        found.body = op.body;
        this.commentTimes.set(found.id, this.now());
        return { kind: "comment", comment: { ...found } };
      }
      case "react": {
        // GitHub creates a reaction once (201) and answers the same one again after (200).
        const target = JSON.stringify(op.target);
        const same = this.reactions.find((r) => r.target === target && r.content === op.content);
        if (same) return { kind: "reaction", created: false, createdAt: same.createdAt };
        const createdAt = new Date(this.now()).toISOString();
        this.reactions.push({ target, content: op.content, createdAt });
        return { kind: "reaction", created: true, createdAt };
      }
      case "check-run":
        this.checks.push(op.check);
        return { kind: "done" };
      case "dispatch":
        this.dispatches.push({ eventType: op.eventType, payload: op.payload });
        return { kind: "done" };
      case "status":
        this.statuses.push(op);
        return { kind: "done" };
    }
  }

  private copy(issue: TrackedIssue): TrackedIssue {
    return { ...issue, labels: [...issue.labels], assignees: [...issue.assignees] };
  }
}
