import type { Probot } from "probot";
import type { AppDeps } from "./app-deps.js";
import { explainSetupError } from "./explain-setup-error.js";
import { handleCi } from "./handlers/handle-ci.js";
import { handleComment } from "./handlers/handle-comment.js";
import { handleDashboardEdit } from "./handlers/handle-dashboard-edit.js";
import { handlePullRequest } from "./handlers/handle-pull-request.js";
import { handleDispatch, runContinuation } from "./handlers/handle-dispatch.js";
import { handlePush } from "./handlers/handle-push.js";
import { handleRerequest } from "./handlers/handle-rerequest.js";
import { handleReview } from "./handlers/handle-review.js";

interface Guardable {
  octokit: { request: { endpoint: { DEFAULTS: { baseUrl: string } } } };
}

/** A handler whose failures caused by the App's setup are one line naming the setting (app/explain-setup-error.ts). */
function guard<C extends Guardable>(handler: (context: C, deps: AppDeps) => Promise<void>, deps: AppDeps) {
  return async (context: C): Promise<void> => {
    try {
      await handler(context, deps);
    } catch (error) {
      throw explainSetupError(error, context.octokit.request.endpoint.DEFAULTS.baseUrl);
    }
  };
}

/**
 * Phasegate's Probot app over `deps`: each webhook goes to its handler, which opens the milestone
 * through the core and answers on GitHub. Stateless: every fact is in GitHub (product.md §1).
 * `issue_comment.edited` is deliberately not handled: an edited comment re-runs nothing.
 */
export function phasegateApp(deps: AppDeps): (app: Probot) => void {
  return (app) => {
    app.on("issue_comment.created", guard(handleComment, deps));
    app.on("pull_request_review.submitted", guard(handleReview, deps));
    app.on("push", guard(handlePush, deps));
    app.on("repository_dispatch", guard(handleDispatch, deps));
    app.on(
      ["pull_request.opened", "pull_request.synchronize", "pull_request.reopened", "pull_request.edited"],
      guard(handlePullRequest, deps),
    );
    // The "Re-run" button on Phasegate's checks: the pull request is judged again.
    app.on(["check_run.rerequested", "check_suite.rerequested"], guard(handleRerequest, deps));
    app.on(["check_suite.completed", "check_run.completed", "status"], guard(handleCi, deps));
    app.on("issues.edited", guard(handleDashboardEdit, deps));
    // Continuations of long syncs, when the deployment has a queue (ADR 21); any replica takes them.
    deps.continuations?.start((c) => runContinuation(app, deps, c));
  };
}
