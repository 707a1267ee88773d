/**
 * One request through the fake: log → OpenAPI check of the path, query and body → faults → content
 * limit → handler → OpenAPI check of the response (a drift of the fake is a violation too) → ETag.
 */
import { createHash } from "node:crypto";
import type { ContentLimiter } from "./content-limit.js";
import { FakeHttpError, type Ctx, type Reply, type Urls } from "./context.js";
import { networkError, type FaultTable } from "./faults.js";
import { checkGraphql, runGraphql } from "./graphql.js";
import { checkBody, checkQuery, checkResponse, matchOperation } from "./openapi-check.js";
import { errorReply, route } from "./router.js";
import { ensureUser, type World } from "./state.js";

export interface LoggedRequest {
  method: string;
  /** Path without the API prefix and query, e.g. `/repos/o/r/issues`. */
  path: string;
  /** The query string, without `?` ("" when none). */
  query: string;
  /** The OpenAPI operationId, when the request matched one. */
  operation?: string;
  /** 0 on a timeout; on a lost response, the status the client never saw. */
  status: number;
  /** POST/PATCH/PUT/DELETE, except exchanging an installation token. */
  write: boolean;
  /** Virtual ms. */
  at: number;
  /** Which injected fault fired, if any. */
  fault?: "status" | "secondaryLimit" | "lostResponse" | "timeout";
}

export interface Engine {
  world: World;
  faults: FaultTable;
  limiter?: ContentLimiter;
  log: LoggedRequest[];
  violations: string[];
  latencyMs: number;
}

const SECONDARY_LIMIT =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. " +
  "If you reach out to GitHub Support for help, please include the request ID FAKE:0000.";

function urlsFor(url: URL): { urls: Urls; path: string } {
  const ghes = url.pathname.match(/^\/api\/v3(\/.*)?$/);
  if (ghes) return { urls: { api: `${url.origin}/api/v3`, html: url.origin }, path: ghes[1] ?? "/" };
  const html = url.hostname === "api.github.com" ? "https://github.com" : url.origin;
  return { urls: { api: url.origin, html }, path: url.pathname };
}

function actorOf(engine: Engine, headers: Headers): string {
  const token = (headers.get("authorization") ?? "").replace(/^(token|bearer)\s+/i, "");
  return engine.world.tokens.get(token) ?? engine.world.actor;
}

function etagOf(body: unknown): string {
  return `W/"${createHash("sha1").update(JSON.stringify(body)).digest("hex")}"`;
}

function toResponse(reply: Reply): Response {
  const empty = reply.status === 204 || reply.status === 304 || reply.body === undefined;
  const headers = new Headers({ "x-github-request-id": "FAKE", ...reply.headers });
  if (!empty) headers.set("content-type", "application/json; charset=utf-8");
  return new Response(empty ? null : JSON.stringify(reply.body), { status: reply.status, headers });
}

export async function handleRequest(engine: Engine, request: Request): Promise<Response> {
  const { world } = engine;
  world.clock.ms += engine.latencyMs;
  const url = new URL(request.url);
  const { urls, path } = urlsFor(url);
  const method = request.method.toUpperCase();
  const text = await request.text();
  const entry: LoggedRequest = {
    method,
    path,
    query: url.search.replace(/^\?/, ""),
    status: 0,
    write: ["POST", "PATCH", "PUT", "DELETE"].includes(method),
    at: world.clock.ms,
  };
  engine.log.push(entry);
  const answer = (reply: Reply) => {
    entry.status = reply.status;
    // A constructed Response has url ""; Octokit reports response.url, so give it the request's.
    return Object.defineProperty(toResponse(reply), "url", { value: request.url });
  };
  const violation = (message: string) => {
    engine.violations.push(message);
    return answer(errorReply(new FakeHttpError(400, `OpenAPI check: ${message}`)));
  };

  // GraphQL: /graphql on github.com, /api/graphql on GitHub Enterprise Server.
  if (method === "POST" && (url.pathname === "/graphql" || url.pathname === "/api/graphql")) {
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return violation("graphql: body is not JSON");
    }
    const checked = checkGraphql(body);
    entry.operation = checked.operation;
    entry.write = checked.write;
    if (checked.violation) return violation(checked.violation);
    const early = admit(engine, entry, method, path);
    if (early) return answer(early);
    const reply = await runGraphql(world, ensureUser(world, actorOf(engine, request.headers)), checked);
    return settle(entry, reply, answer);
  }
  const match = matchOperation(method, path);
  if (!match) return violation(`${method} ${path}: no such operation in api.github.com's OpenAPI description`);
  entry.operation = match.operationId;
  if (match.operationId === "apps/create-installation-access-token") entry.write = false;
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    return violation(`${match.operationId}: body is not JSON`);
  }
  const problems = [...checkQuery(match, method, url.searchParams), ...checkBody(match, method, body)];
  if (problems.length) return violation(problems.join("; "));

  const early = admit(engine, entry, method, path);
  if (early) return answer(early);

  const ctx: Ctx = {
    world,
    operation: match.operationId,
    params: match.params,
    query: url.searchParams,
    body: body ?? {},
    actor: ensureUser(world, actorOf(engine, request.headers)),
    urls,
    url,
    authorization: request.headers.get("authorization") ?? "",
  };
  let reply = route(ctx);
  const drift = checkResponse(match, method, reply.status, reply.body);
  if (drift.length) engine.violations.push(`fake GitHub's answer: ${drift.join("; ")}`);
  if (method === "GET" && reply.status === 200) {
    const etag = etagOf(reply.body);
    const strip = (t: string) => t.replace(/^W\//, "");
    const given = request.headers.get("if-none-match");
    reply =
      given && strip(given) === strip(etag)
        ? { status: 304, headers: { etag } }
        : { ...reply, headers: { ...reply.headers, etag } };
  }
  return settle(entry, reply, answer);
}

/** Injected faults and the content limit, before the handler runs: the reply that stands for it, if any. */
function admit(engine: Engine, entry: LoggedRequest, method: string, path: string): Reply | undefined {
  const fault = engine.faults.take(method, path, entry.operation);
  if (fault) lost.set(entry, "lostResponse" in fault);
  if (fault && "status" in fault) {
    entry.fault = "status";
    return errorReply(new FakeHttpError(fault.status, "Server Error (injected)"));
  }
  if (fault && "secondaryLimit" in fault) {
    entry.fault = "secondaryLimit";
    const retryAfter = String(fault.secondaryLimit.retryAfterSeconds);
    return errorReply(new FakeHttpError(403, SECONDARY_LIMIT), { "retry-after": retryAfter });
  }
  if (fault && "timeout" in fault) {
    entry.fault = "timeout";
    throw networkError("timeout");
  }
  if (entry.write && engine.limiter) {
    const wait = engine.limiter.admit(engine.world.clock.ms);
    if (wait !== undefined) return errorReply(new FakeHttpError(403, SECONDARY_LIMIT), { "retry-after": String(wait) });
  }
  return undefined;
}

/** Requests whose response an injected fault loses after the handler ran. */
const lost = new WeakMap<LoggedRequest, boolean>();

/** The reply, or a lost response when a fault said so (the request took effect; the client never hears). */
function settle(entry: LoggedRequest, reply: Reply, answer: (reply: Reply) => Response): Response {
  if (lost.get(entry)) {
    entry.fault = "lostResponse";
    entry.status = reply.status;
    throw networkError("lost");
  }
  return answer(reply);
}
