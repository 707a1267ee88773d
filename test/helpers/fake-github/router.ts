/** Handlers by OpenAPI operationId; an operation without one answers 501 naming it. */
import { appHandlers } from "./apps.js";
import { checkHandlers } from "./checks.js";
import { commentHandlers } from "./comments.js";
import { contentsHandlers } from "./contents.js";
import { FakeHttpError, type Ctx, type Handler, type Reply } from "./context.js";
import { gitHandlers } from "./git.js";
import { issueHandlers } from "./issues.js";
import { labelHandlers } from "./labels.js";
import { milestoneHandlers } from "./milestones.js";
import { peopleHandlers } from "./people.js";
import { pullHandlers } from "./pulls.js";
import { relationHandlers } from "./relations.js";

export const handlers: Record<string, Handler> = {
  ...gitHandlers,
  ...contentsHandlers,
  ...issueHandlers,
  ...labelHandlers,
  ...milestoneHandlers,
  ...commentHandlers,
  ...relationHandlers,
  ...checkHandlers,
  ...pullHandlers,
  ...peopleHandlers,
  ...appHandlers,
};

/** Runs the operation's handler; handler errors become GitHub-shaped error replies. */
export function route(ctx: Ctx): Reply {
  const handler = handlers[ctx.operation];
  if (!handler) return errorReply(new FakeHttpError(501, `fake GitHub does not implement ${ctx.operation} yet`));
  try {
    return handler(ctx);
  } catch (error) {
    if (error instanceof FakeHttpError) return errorReply(error);
    throw error;
  }
}

export function errorReply(error: FakeHttpError, headers: Record<string, string> = {}): Reply {
  return {
    status: error.status,
    headers,
    body: {
      message: error.message,
      documentation_url: "https://docs.github.com/rest",
      status: String(error.status),
      ...(error.errors && { errors: error.errors }),
    },
  };
}
