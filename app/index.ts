/**
 * The Probot entry (`probot run ./dist/app/index.js`, or `npm start` through app/start.ts): wiring
 * only. The handlers are in app/handlers/, the rules in core/, GitHub's API behind github/.
 */
import type { Probot } from "probot";
import { createGitHubPorts } from "../github/index.js";
import { systemClock } from "./app-deps.js";
import { phasegateApp } from "./phasegate-app.js";

export default async (app: Probot): Promise<void> => {
  // With Redis (the variable Probot throttles through), long syncs continue in a BullMQ queue (ADR 21).
  const url = process.env.REDIS_URL?.trim();
  const continuations = url
    ? (await import("./redis-continuations.js")).redisContinuations(url, { warn: (m) => app.log.warn(m) })
    : undefined;
  phasegateApp({ createPorts: createGitHubPorts, clock: systemClock, ...(continuations && { continuations }) })(app);
};
