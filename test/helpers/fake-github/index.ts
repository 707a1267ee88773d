/**
 * A stateful fake of GitHub's REST API for tests: Octokit (and Probot) talk to it through `fetch`,
 * it keeps state like GitHub does, and tests assert end states, not scripts of calls.
 *
 * ```ts
 * const gh = createFakeGitHub({ contentLimit: { perMinute: 80, perHour: 500 } });
 * gh.createRepo({ owner: "acme", repo: "rocket", files: { "README.md": "# Rocket\n" } });
 * gh.setPermission("acme", "rocket", "ada", "write");
 * const octokit = new Octokit({ auth: "x", request: { fetch: gh.fetch } });
 * // new Probot({ appId, privateKey, Octokit, request: { fetch: gh.fetch } }) works too.
 * await runTheCodeUnderTest(octokit);
 * expect(gh.violations).toEqual([]); // every request matched GitHub's OpenAPI description
 * expect(gh.repo("acme", "rocket").issues).toMatchObject([{ title: "…" }]);
 * gh.resetLog(); await runTheCodeUnderTest(octokit);
 * expect(gh.count({ write: true })).toBe(0); // idempotent
 * ```
 *
 * - Base URL `https://api.github.com`, or a GHES-style `https://host/api/v3`.
 * - Each request must match an operation of `@octokit/openapi`'s api.github.com description and its
 *   JSON body must validate; otherwise 400 and an entry in `gh.violations`. A valid operation the fake
 *   does not implement answers 501 naming the operationId.
 * - Implemented: repos (get, contents read + PUT, commits), git data (blobs, trees, commits, refs with
 *   fast-forward checks), issues, labels, milestones, comments, reactions, sub-issues, blocked-by,
 *   assignees, check runs, statuses, check suites (derived), pulls (get, list, files, reviews),
 *   collaborator permission, team membership, installation tokens, repository dispatch.
 * - Virtual clock: `gh.now()`, `gh.advance(ms)`; timestamps and the content limit use it.
 * - Faults: `gh.inject({ method, path, nth, times, ...effect })` with `status`, `secondaryLimit`,
 *   `lostResponse` (takes effect, then fetch rejects) or `timeout` (rejects, no effect).
 * - ETags on GET; `if-none-match` with the current one answers 304 (Octokit throws status 304).
 * - Tokens: unknown tokens act as `options.actor`; `gh.tokenFor(login)` gives one acting as `login`;
 *   installation tokens act as `<appSlug>[bot]`.
 */
export { createFakeGitHub } from "./create-fake-github.js";
/** @public The fake's types, for tests that seed or inspect it (knip: kept though none names them yet). */
export type {
  FakeGitHub,
  FakeGitHubOptions,
  SeedCheck,
  SeedIssue,
  SeedPullRequest,
  SeedRepo,
  SeedStatus,
} from "./create-fake-github.js";
/** @public */
export type { LoggedRequest } from "./handle-request.js";
/** @public */
export type { ContentLimit } from "./content-limit.js";
export type { Fault, FaultEffect } from "./faults.js";
/** @public */
export type { RepoView } from "./repo-view.js";
/** @public */
export type { Role } from "./state.js";
