import type { Probot } from "probot";
import type { AppDeps } from "./app-deps.js";
import { handleComment } from "./handlers/handle-comment.js";
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
  };
}
