import { Octokit } from "@octokit/rest";
import type { Probot } from "probot";
import { activate, MilestoneHandle, startTask, sync, type Clock, type Context } from "../../core/index.js";
import { createGitHubPorts } from "../../github/index.js";
import type { AppDeps } from "../../app/app-deps.js";
import { createFakeGitHub, type FakeGitHub } from "../helpers/fake-github/index.js";
import { createAppInstance, nextDeliveryId, OWNER, REPO } from "./app-instance.js";
import { example } from "./webhook-examples.js";

export { OWNER, REPO, privateKey } from "./app-instance.js";
export const PLAN_PATH = ".milestones/m1.yaml";
export const LOG_PATH = ".milestones/logs/m1.jsonl";
export const DESIGN = "# Design\n\n## Overview\n\nHow it works.\n";

/** A two-task plan: T1 (assigned to bob) then T2; alice approves. */
export function planYaml(options: { approvers?: string[]; settings?: string } = {}): string {
  return [
    "version: 1",
    "id: m1",
    "title: Milestone one",
    `approvers: [${(options.approvers ?? ["alice"]).join(", ")}]`,
    ...(options.settings ? ["settings:", `  ${options.settings}`] : []),
    "tasks:",
    "  - id: T1",
    "    title: First task",
    "    spec: first",
    "    assignees: [bob]",
    "  - id: T2",
    "    title: Second task",
    "    spec: second",
    "    dependencies: [T1]",
    "",
  ].join("\n");
}

/**
 * The requests of an `/approve` that completes a phase (docs/benchmarks.md): the 👀, the plan's and
 * log's query, the deliverable's, the log step, the anchor, then the projection and the reply.
 */
export const APPROVE_OPERATIONS = [
  "reactions/create-for-issue-comment",
  "graphql/query",
  "graphql/query",
  "graphql/createCommitOnBranch",
  "git/update-ref",
  "issues/list-for-repo",
  "issues/update-milestone",
  "issues/update",
  "issues/update",
  "issues/create-comment",
] as const;

export interface Harness {
  gh: FakeGitHub;
  probot: Probot;
  clock: Clock;
  deps: AppDeps;
  /** Deliver a webhook (installation and repository set to the fake's); `id` defaults to a fresh one. */
  deliver(name: string, payload: Record<string, any>, id?: string): Promise<void>;
  /** Run a core use case outside the App, as `actor` (test setup). */
  core(actor?: string): Context;
}

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** The fake GitHub with acme/rocket, people and their permissions, and the App loaded under Probot. */
export async function createHarness(
  files: Record<string, string> = { [PLAN_PATH]: planYaml() },
  deps: Partial<AppDeps> = {},
  latencyMs = 0,
  contentLimit?: { perMinute: number; perHour: number },
): Promise<Harness> {
  const gh = createFakeGitHub({ appSlug: "phasegate", latencyMs, ...(contentLimit && { contentLimit }) });
  gh.createRepo({ owner: OWNER, repo: REPO, files });
  for (const [login, role] of [
    ["alice", "write"],
    ["bob", "write"],
    ["carol", "write"],
    ["mallory", "read"],
  ] as const)
    gh.setPermission(OWNER, REPO, login, role);
  const clock: Clock = { now: () => new Date(gh.now()), sleep: async (ms) => void gh.advance(ms) };
  const fullDeps: AppDeps = {
    createPorts: createGitHubPorts as AppDeps["createPorts"],
    clock,
    random: () => 0.5,
    ...deps,
  };
  const app = await createAppInstance(gh, fullDeps);
  const octokit = new Octokit({ auth: "setup", request: { fetch: gh.fetch }, log: quiet });
  return {
    gh,
    probot: app.probot,
    clock,
    deps: fullDeps,
    deliver: app.deliver,
    core(actor = "setup") {
      const ports = createGitHubPorts({ octokit, owner: OWNER, repo: REPO, clock });
      const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined };
      return { ...ports, clock, logger, sessionId: "s-setup", actor, random: () => 0.5 };
    },
  };
}

/** Activate m1, start T1 (as bob: he becomes its author), write its design, project it all. Returns T1's issue number. */
export async function startT1(h: Harness): Promise<number> {
  const ctx = h.core("bob");
  const handle = await MilestoneHandle.open(ctx, "m1");
  await activate(ctx, handle);
  await startTask(ctx, handle, { taskId: "T1" });
  h.gh.commitFiles(OWNER, REPO, "milestone/m1", { ".kiro/specs/first/design.md": DESIGN }, "Design of T1");
  await handle.reload();
  await sync(ctx, handle);
  return issueOf(h, "T1");
}

/** The events of m1's log on its milestone branch, oldest first (empty before the first write). */
export function logEvents(h: Harness): { event: string; details: Record<string, unknown> }[] {
  return (h.gh.readFile(OWNER, REPO, "milestone/m1", LOG_PATH) ?? "")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** The number of task `task`'s issue. */
export function issueOf(h: Harness, task: string): number {
  const issue = h.gh.repo(OWNER, REPO).issues.find((i) => i.body?.includes(`task=${task} -->`));
  if (!issue) throw new Error(`no issue for ${task}`);
  return issue.number;
}

/**
 * `login` comments `body` on issue `number` (in the fake), and the recorded `issue_comment.created`
 * payload is retargeted at that comment.
 */
export async function commentPayload(
  h: Harness,
  number: number,
  body: string,
  login: string,
  options: { bot?: boolean; pull?: boolean } = {},
) {
  const as = new Octokit({ auth: h.gh.tokenFor(login), request: { fetch: h.gh.fetch }, log: quiet });
  const { data: issue } = await as.rest.issues.get({ owner: OWNER, repo: REPO, issue_number: number });
  const { data: comment } = await as.rest.issues.createComment({
    owner: OWNER,
    repo: REPO,
    issue_number: number,
    body,
  });
  const payload = example("issue_comment", "created");
  // The issue as GitHub shows it when the comment is made (its milestone and labels too).
  Object.assign(payload.issue, {
    number,
    body: issue.body ?? "",
    milestone: issue.milestone,
    labels: issue.labels,
    user: issue.user,
  });
  if (!options.pull) delete payload.issue.pull_request;
  else payload.issue.pull_request = { url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${number}` };
  payload.comment.id = comment.id;
  payload.comment.body = body;
  payload.comment.user = { ...payload.comment.user, login, type: options.bot ? "Bot" : "User" };
  payload.sender = { ...payload.sender, login, type: options.bot ? "Bot" : "User" };
  return payload;
}

/** A recorded `push` payload: `files` added on the default branch, now at `after`. */
export function pushPayload(after: string, added: string[], login = "alice") {
  const payload = example("push");
  Object.assign(payload, { ref: "refs/heads/main", after, deleted: false, created: false });
  payload.commits = [{ ...(payload.commits?.[0] ?? {}), id: after, added, modified: [], removed: [] }];
  payload.sender = { ...payload.sender, login, type: "User" };
  return payload;
}

/** The recorded `repository_dispatch` payload as the App's `phasegate-continue` for `milestone`. */
export function continuePayload(milestone: string) {
  const payload = example("repository_dispatch");
  Object.assign(payload, { action: "phasegate-continue", client_payload: { milestone }, branch: "main" });
  payload.sender = { ...payload.sender, login: "phasegate[bot]", type: "Bot" };
  return payload;
}

/** A pull request from `head` (with `files` committed there) into `base`, and its recorded webhook payload. */
export function pullPayload(
  h: Harness,
  options: {
    head: string;
    base?: string;
    files: Record<string, string>;
    body?: string;
    user?: string;
    action?: string;
  },
) {
  const sha = h.gh.commitFiles(OWNER, REPO, options.head, options.files, "Change");
  const number = h.gh.createPullRequest({
    owner: OWNER,
    repo: REPO,
    head: options.head,
    base: options.base ?? "main",
    body: options.body ?? "",
    user: options.user ?? "bob",
  });
  const payload = example("pull_request", options.action ?? "opened");
  const user = { ...payload.pull_request.user, login: options.user ?? "bob", type: "User" };
  Object.assign(payload.pull_request, {
    number,
    body: options.body ?? "",
    user,
    mergeable: null,
    head: { ...payload.pull_request.head, sha, ref: options.head },
    base: { ...payload.pull_request.base, ref: options.base ?? "main" },
  });
  payload.number = number;
  payload.sender = user;
  return { payload, number, sha };
}

/** A recorded `pull_request_review.submitted` payload for pull request `pull`, by `login`. */
export function reviewPayload(
  pull: { number: number; body: string; base?: string; sha?: string; user?: string },
  login: string,
  state: "approved" | "changes_requested",
  body = "",
) {
  const payload = example("pull_request_review", "submitted");
  payload.review = {
    ...payload.review,
    id: 700_000 + Number(nextDeliveryId().slice(2)),
    state,
    body,
    user: { ...payload.review.user, login, type: "User" },
  };
  const pr = payload.pull_request;
  payload.pull_request = {
    ...pr,
    number: pull.number,
    body: pull.body,
    user: { ...pr.user, login: pull.user ?? "bob", type: "User" },
    base: { ...pr.base, ref: pull.base ?? "milestone/m1" },
    head: { ...pr.head, ...(pull.sha && { sha: pull.sha }) },
  };
  payload.sender = { ...payload.sender, login, type: "User" };
  return payload;
}
