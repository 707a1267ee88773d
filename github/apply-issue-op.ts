import type { IssueSpec, TrackerOp, TrackerResult } from "../core/index.js";
import { LABEL_PREFIX } from "../core/index.js";
import type { RepoLocation } from "./blob-store.js";
import type { GitHubClient } from "./github-client.js";
import { GitHubError } from "./github-error.js";
import { toTrackedIssue, type Json } from "./map-tracked.js";

type IssueOp = Extract<TrackerOp, { kind: "create-issue" | "update-issue" | "add-sub-issue" | "add-blocked-by" }>;

/**
 * Issues and their links. Sub-issue and "blocked by" endpoints take the database id, not the number
 * (https://docs.github.com/rest/issues/sub-issues, https://docs.github.com/rest/issues/issue-dependencies).
 */
export async function applyIssueOp(client: GitHubClient, at: RepoLocation, op: TrackerOp): Promise<TrackerResult> {
  const issueOp = op as IssueOp;
  switch (issueOp.kind) {
    case "create-issue": {
      const { title, body, labels, assignees, milestone } = issueOp.issue;
      const { data } = await client.request<Json>(
        "POST /repos/{owner}/{repo}/issues",
        { ...at, title, body, labels, assignees, ...(milestone !== null && { milestone }) },
        { recover: () => findCreatedIssue(client, at, issueOp.marker, issueOp.issue) },
      );
      // GitHub creates issues open; a task already closed is closed in a second request.
      if (issueOp.issue.state === "closed" && data.state !== "closed")
        return updateIssue(client, at, data.number, { state: "closed", stateReason: issueOp.issue.stateReason });
      return { kind: "issue", issue: toTrackedIssue(data) };
    }
    case "update-issue":
      return updateIssue(client, at, issueOp.number, issueOp.issue);
    case "add-sub-issue": {
      const { parent, child } = issueOp;
      const linked = async () => {
        const { data } = await client.request<Json>("GET /repos/{owner}/{repo}/issues/{issue_number}", {
          ...at,
          issue_number: child.number,
        });
        return toTrackedIssue(data).parent === parent ? data : undefined;
      };
      const route = "POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues";
      await linkOnce(
        () => client.request(route, { ...at, issue_number: parent, sub_issue_id: child.id }, { recover: linked }),
        linked,
      );
      return { kind: "done" };
    }
    case "add-blocked-by": {
      const { issue, blocker } = issueOp;
      const linked = async () => {
        const route = "GET /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by";
        const all = await client.paginate<Json>(route, { ...at, issue_number: issue });
        return all.find((i) => i.number === blocker.number);
      };
      const route = "POST /repos/{owner}/{repo}/issues/{issue_number}/dependencies/blocked_by";
      await linkOnce(
        () => client.request(route, { ...at, issue_number: issue, issue_id: blocker.id }, { recover: linked }),
        linked,
      );
      return { kind: "done" };
    }
  }
}

async function updateIssue(
  client: GitHubClient,
  at: RepoLocation,
  number: number,
  spec: Partial<IssueSpec>,
): Promise<TrackerResult> {
  const { stateReason, ...fields } = spec;
  const { data } = await client.request<Json>("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
    ...at,
    issue_number: number,
    ...fields,
    ...(stateReason !== undefined && { state_reason: stateReason }),
  });
  return { kind: "issue", issue: toTrackedIssue(data) };
}

/** A link whose 422 says it exists already (a resent request of ours made it) is done. */
async function linkOnce(send: () => Promise<unknown>, linked: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (error) {
    if (!(error instanceof GitHubError && error.status === 422 && (await linked()) !== undefined)) throw error;
  }
}

/**
 * A create whose response was lost took effect: the newest issues are searched for the marker
 * (in the milestone, or with the `phasegate` label), so a retry never makes a second issue.
 */
async function findCreatedIssue(
  client: GitHubClient,
  at: RepoLocation,
  marker: string,
  spec: IssueSpec,
): Promise<Json | undefined> {
  if (!marker) return undefined;
  const scope =
    spec.milestone !== null
      ? { milestone: String(spec.milestone) }
      : spec.labels.includes(LABEL_PREFIX)
        ? { labels: LABEL_PREFIX }
        : {};
  const { data } = await client.request<Json[]>("GET /repos/{owner}/{repo}/issues", {
    ...at,
    ...scope,
    state: "all",
    sort: "created",
    direction: "desc",
    per_page: 30,
  });
  return data.find((i) => String(i.body ?? "").includes(marker));
}
