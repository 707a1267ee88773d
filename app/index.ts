/**
 * The Probot entry (`probot run ./dist/app/index.js`, or `npm start` through app/start.ts): wiring
 * only. The handlers are in app/handlers/, the rules in core/, GitHub's API behind github/.
 */
import type { Probot } from "probot";
import { createGitHubPorts } from "../github/index.js";
import { systemClock } from "./app-deps.js";
import { phasegateApp } from "./phasegate-app.js";

export default (app: Probot): void => {
  phasegateApp({ createPorts: createGitHubPorts, clock: systemClock })(app);
};
