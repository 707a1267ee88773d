import type { Annotation, CheckRunSpec, TrackerOp, TrackerResult } from "../core/index.js";
import type { RepoLocation } from "./blob-store.js";
import type { GitHubClient } from "./github-client.js";
import { toComment, type Json } from "./map-tracked.js";

/** GitHub takes at most 50 annotations per request (https://docs.github.com/rest/checks/runs#update-a-check-run). */
const ANNOTATIONS_PER_REQUEST = 50;
/** Check run summary and text: 65,535 characters. Commit status description: 140. */
const OUTPUT_LIMIT = 65_535;
const STATUS_DESCRIPTION_LIMIT = 140;

/** Comments, reactions, check runs and commit statuses. */
export async function applyFeedbackOp(client: GitHubClient, at: RepoLocation, op: TrackerOp): Promise<TrackerResult> {
  switch (op.kind) {
    case "create-comment": {
      const recover = async () => {
        if (!op.marker) return undefined;
        const route = "GET /repos/{owner}/{repo}/issues/{issue_number}/comments";
        const all = await client.paginate<Json>(route, { ...at, issue_number: op.issue });
        return all.find((c) => String(c.body ?? "").includes(op.marker));
      };
      const route = "POST /repos/{owner}/{repo}/issues/{issue_number}/comments";
      const { data } = await client.request<Json>(route, { ...at, issue_number: op.issue, body: op.body }, { recover });
      return { kind: "comment", comment: toComment(data) };
    }
    case "update-comment": {
      const route = "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}";
      const { data } = await client.request<Json>(route, { ...at, comment_id: op.id, body: op.body });
      return { kind: "comment", comment: toComment(data) };
    }
    case "react": {
      // Reacting twice answers 200 with the existing reaction: safe to send again. A 200 after one of
      // our own attempts was lost (5xx, timeout) may be that attempt's reaction: count it as created.
      let uncertain = false;
      const recover = async () => void (uncertain = true);
      const [route, params] =
        "comment" in op.target
          ? ["POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", { comment_id: op.target.comment }]
          : ["POST /repos/{owner}/{repo}/issues/{issue_number}/reactions", { issue_number: op.target.issue }];
      const { status, data } = await client.request<Json>(
        route,
        { ...at, ...params, content: op.content },
        { recover },
      );
      const created = status === 201 || uncertain;
      return { kind: "reaction", created, ...(typeof data?.created_at === "string" && { createdAt: data.created_at }) };
    }
    case "check-run":
      await createCheckRun(client, at, op.check);
      return { kind: "done" };
    case "dispatch":
      // Unpaced, like releasing the sync lease: the continuation of a sync must go out before the delivery ends.
      await client.request(
        "POST /repos/{owner}/{repo}/dispatches",
        { ...at, event_type: op.eventType, client_payload: op.payload },
        { unpaced: true },
      );
      return { kind: "done" };
    case "status": {
      // A status is a new entry each time and the latest per context wins: sending it again is harmless.
      const description = op.description.slice(0, STATUS_DESCRIPTION_LIMIT);
      const route = "POST /repos/{owner}/{repo}/statuses/{sha}";
      await client.request(
        route,
        { ...at, sha: op.sha, state: op.state, context: op.context, description },
        { idempotent: true },
      );
      return { kind: "done" };
    }
    default:
      throw new Error(`not a feedback operation: ${op.kind}`);
  }
}

/** A completed check run; annotations past the first 50 are added by updates, 50 at a time. */
async function createCheckRun(client: GitHubClient, at: RepoLocation, check: CheckRunSpec): Promise<void> {
  const annotations = (check.annotations ?? []).map(toAnnotation);
  const output = (batch: unknown[]) => ({
    title: check.title,
    summary: check.summary.slice(0, OUTPUT_LIMIT),
    ...(check.text !== undefined && { text: check.text.slice(0, OUTPUT_LIMIT) }),
    ...(batch.length > 0 && { annotations: batch }),
  });
  const recover = async () => {
    const route = "GET /repos/{owner}/{repo}/commits/{ref}/check-runs";
    const runs = await client.paginate<Json>(route, { ...at, ref: check.sha, check_name: check.name }, "check_runs");
    return runs.find((r) => r.output?.title === check.title && r.conclusion === check.conclusion);
  };
  const { data } = await client.request<Json>(
    "POST /repos/{owner}/{repo}/check-runs",
    {
      ...at,
      name: check.name,
      head_sha: check.sha,
      status: "completed",
      conclusion: check.conclusion,
      output: output(annotations.slice(0, ANNOTATIONS_PER_REQUEST)),
    },
    { recover },
  );
  for (let i = ANNOTATIONS_PER_REQUEST; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    await client.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", {
      ...at,
      check_run_id: data.id,
      output: output(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST)),
    });
  }
}

function toAnnotation(a: Annotation): Record<string, unknown> {
  return {
    path: a.path,
    start_line: a.line,
    end_line: a.line,
    // Columns only on one-line annotations (GitHub's rule).
    ...(a.column !== undefined && { start_column: a.column, end_column: a.column }),
    annotation_level: a.level,
    message: a.message,
    ...(a.title !== undefined && { title: a.title }),
  };
}
