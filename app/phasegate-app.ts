import type { Probot } from "probot";
import type { AppDeps } from "./app-deps.js";
import { handleCi } from "./handlers/handle-ci.js";
import { handleComment } from "./handlers/handle-comment.js";
import { handleDashboardEdit } from "./handlers/handle-dashboard-edit.js";
import { handlePullRequest } from "./handlers/handle-pull-request.js";
import { handleDispatch } from "./handlers/handle-dispatch.js";
import { handlePush } from "./handlers/handle-push.js";
import { handleReview } from "./handlers/handle-review.js";

/**
 * Phasegate's Probot app over `deps`: each webhook goes to its handler, which opens the milestone
 * through the core and answers on GitHub. Stateless: every fact is in GitHub (product.md §1).
 * `issue_comment.edited` is deliberately not handled: an edited comment re-runs nothing.
 */
export function phasegateApp(deps: AppDeps): (app: Probot) => void {
  return (app) => {
    app.on("issue_comment.created", (context) => handleComment(context, deps));
    app.on("pull_request_review.submitted", (context) => handleReview(context, deps));
    app.on("push", (context) => handlePush(context, deps));
    app.on("repository_dispatch", (context) => handleDispatch(context, deps));
    app.on(["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"], (context) =>
      handlePullRequest(context, deps),
    );
    app.on(["check_suite.completed", "check_run.completed", "status"], (context) => handleCi(context, deps));
    app.on("issues.edited", (context) => handleDashboardEdit(context, deps));
  };
}
