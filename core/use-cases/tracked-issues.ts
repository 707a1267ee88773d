import { repositoryUrlOf, type IssueLinks } from "../projection/issue-links.js";
import { parseMarker } from "../projection/markers.js";
import type { Projection, TrackedIssue } from "../projection/projection.js";

/**
 * A milestone's issues on GitHub, found by their markers: one per task and the dashboard. The sync's
 * reconcilers read it to plan and record each landed create in it, so later writes link to the new issue.
 */
export class TrackedIssues {
  readonly byTask = new Map<string, TrackedIssue>();
  dashboard: TrackedIssue | undefined;

  /** The oldest issue wins when a marker was copied onto another issue; pull requests never count. */
  constructor(
    private readonly actual: Projection,
    milestoneId: string,
  ) {
    for (const issue of [...actual.issues].sort((a, b) => a.number - b.number)) {
      const marker = parseMarker(issue.body);
      if (issue.pullRequest || !marker || !("milestone" in marker) || marker.milestone !== milestoneId) continue;
      if (marker.kind === "task" && !this.byTask.has(marker.task)) this.byTask.set(marker.task, issue);
      if (marker.kind === "dashboard") this.dashboard ??= issue;
    }
  }

  /** How rendered bodies link to other issues, as of now. */
  links(): IssueLinks {
    // From what GitHub says (the milestone's page), never from the shell: the same in every shell.
    const repositoryUrl = repositoryUrlOf(this.actual.milestone?.url);
    return {
      issueNumberOf: (id) => this.byTask.get(id)?.number,
      ...(repositoryUrl !== undefined && { repositoryUrl }),
      ...(this.dashboard && { dashboard: this.dashboard.number }),
    };
  }
}
