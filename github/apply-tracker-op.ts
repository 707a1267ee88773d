import type { TrackerOp, TrackerResult } from "../core/index.js";
import type { RepoLocation } from "./blob-store.js";
import { applyFeedbackOp } from "./apply-feedback-op.js";
import { applyIssueOp } from "./apply-issue-op.js";
import { GitHubError } from "./github-error.js";
import type { GitHubClient } from "./github-client.js";
import { toTrackedLabel, toTrackedMilestone, toDueOn, type Json } from "./map-tracked.js";

/** One TrackerOp as GitHub requests: labels and milestones here, issues and feedback in their files. */
export async function applyTrackerOp(client: GitHubClient, at: RepoLocation, op: TrackerOp): Promise<TrackerResult> {
  switch (op.kind) {
    case "create-label": {
      const { name, color, description } = op.label;
      const recover = () => findLabel(client, at, name);
      try {
        const { data } = await client.request<Json>(
          "POST /repos/{owner}/{repo}/labels",
          { ...at, name, color, description },
          { recover },
        );
        return { kind: "label", label: toTrackedLabel(data) };
      } catch (error) {
        // A retried create whose first response was lost: the label is there, which is what was asked.
        if (!(error instanceof GitHubError && error.status === 422 && error.says("already_exists"))) throw error;
        return { kind: "label", label: toTrackedLabel((await recover()) ?? op.label) };
      }
    }
    case "update-label": {
      const { name, color, description } = op.label;
      const { data } = await client.request<Json>("PATCH /repos/{owner}/{repo}/labels/{name}", {
        ...at,
        name: op.name,
        ...(name !== op.name && { new_name: name }),
        color,
        description,
      });
      return { kind: "label", label: toTrackedLabel(data) };
    }
    case "create-milestone": {
      const { title, description, dueOn, state } = op.milestone;
      const recover = async () => {
        const all = await client.paginate<Json>("GET /repos/{owner}/{repo}/milestones", { ...at, state: "all" });
        return all.find((m) => String(m.description ?? "").includes(op.marker));
      };
      const body = { title, description, state, ...(dueOn !== null && { due_on: toDueOn(dueOn) }) };
      const { data } = await client.request<Json>(
        "POST /repos/{owner}/{repo}/milestones",
        { ...at, ...body },
        { recover },
      );
      return { kind: "milestone", milestone: toTrackedMilestone(data) };
    }
    case "update-milestone": {
      const { title, description, dueOn, state } = op.milestone;
      const { data } = await client.request<Json>("PATCH /repos/{owner}/{repo}/milestones/{milestone_number}", {
        ...at,
        milestone_number: op.number,
        ...(title !== undefined && { title }),
        ...(description !== undefined && { description }),
        ...(state !== undefined && { state }),
        ...(dueOn !== undefined && { due_on: toDueOn(dueOn) }),
      });
      return { kind: "milestone", milestone: toTrackedMilestone(data) };
    }
    default:
      return op.kind.endsWith("issue") || op.kind === "add-blocked-by"
        ? applyIssueOp(client, at, op)
        : applyFeedbackOp(client, at, op);
  }
}

async function findLabel(client: GitHubClient, at: RepoLocation, name: string): Promise<Json | undefined> {
  try {
    return (await client.request<Json>("GET /repos/{owner}/{repo}/labels/{name}", { ...at, name })).data;
  } catch (error) {
    if (error instanceof GitHubError && error.status === 404) return undefined;
    throw error;
  }
}
