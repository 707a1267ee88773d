import type { Probot } from "probot";
import type { AppDeps } from "./app-deps.js";
import { handleComment } from "./handlers/handle-comment.js";

/**
 * Phasegate's Probot app over `deps`: each webhook goes to its handler, which opens the milestone
 * through the core and answers on GitHub. Stateless: every fact is in GitHub (product.md §1).
 */
export function phasegateApp(deps: AppDeps): (app: Probot) => void {
  return (app) => {
    app.on("issue_comment.created", (context) => handleComment(context, deps));
  };
}
