/** The fake's in-memory world: users, repositories and everything in them. Plain data, no behaviour. */
import { APP_EVENTS, APP_PERMISSIONS } from "../../../github/app-manifest.js";
import { defaultApp, type AppRegistration } from "./apps.js";
import type { GitObject } from "./git-objects.js";

export type Role = "admin" | "maintain" | "write" | "triage" | "read" | "none";

export interface User {
  login: string;
  id: number;
  type: "User" | "Bot" | "Organization";
}

export interface Label {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface Milestone {
  id: number;
  number: number;
  title: string;
  description: string | null;
  state: "open" | "closed";
  due_on: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  creator: string;
}

export interface Review {
  id: number;
  user: string;
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "PENDING";
  body: string;
  commit_id: string;
  submitted_at: string;
}

export interface PullInfo {
  id: number;
  head: string;
  /** Set for a pull request from a fork (`head: "owner:branch"`): the fork's owner. Its commits live in this repository, as GitHub keeps them under refs/pull. */
  headOwner?: string;
  base: string;
  merged: boolean;
  mergeable: boolean | null;
  draft: boolean;
  reviews: Review[];
}

export interface Issue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  state_reason: string | null;
  user: string;
  /** Label ids, so a renamed label shows its new name. */
  labels: number[];
  assignees: string[];
  milestone: number | null;
  locked: boolean;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** Database id of the parent issue. */
  parent: number | null;
  /** Database ids of the sub-issues, in order. */
  subIssues: number[];
  /** Database ids of the issues blocking this one. */
  blockedBy: number[];
  pull?: PullInfo;
}

export interface Comment {
  id: number;
  issue: number;
  body: string;
  user: string;
  created_at: string;
  updated_at: string;
}

export interface Reaction {
  id: number;
  /** `comment:<id>` or `issue:<number>`. */
  subject: string;
  content: string;
  user: string;
  created_at: string;
}

export interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  started_at: string | null;
  completed_at: string | null;
  details_url: string | null;
  external_id: string | null;
  output: { title: string | null; summary: string | null; text: string | null; annotations_count: number };
  app: string;
}

export interface CommitStatus {
  id: number;
  sha: string;
  state: "error" | "failure" | "pending" | "success";
  context: string;
  description: string | null;
  target_url: string | null;
  created_at: string;
  updated_at: string;
  creator: string;
}

export interface RepoState {
  id: number;
  owner: string;
  name: string;
  private: boolean;
  defaultBranch: string;
  objects: Map<string, GitObject>;
  /** Full ref name (`refs/heads/main`) → commit sha. */
  refs: Map<string, string>;
  issues: Map<number, Issue>;
  nextNumber: number;
  /** Lower-cased name → label. */
  labels: Map<string, Label>;
  milestones: Map<number, Milestone>;
  nextMilestone: number;
  comments: Map<number, Comment>;
  reactions: Reaction[];
  checkRuns: Map<number, CheckRun>;
  statuses: CommitStatus[];
  permissions: Map<string, Role>;
  /** GraphQL fields this repository refuses (FORBIDDEN), as GitHub does for a token that may not see them. */
  forbiddenFields?: Set<string>;
}

export interface Dispatch {
  owner: string;
  repo: string;
  event_type: string;
  client_payload: unknown;
  at: number;
}

export interface World {
  clock: { ms: number };
  nextId: number;
  users: Map<string, User>;
  repos: Map<string, RepoState>;
  /** `org/slug` → member logins. */
  teams: Map<string, Set<string>>;
  /** Token → login of the user it authenticates. */
  tokens: Map<string, string>;
  /** Database id → where the issue lives. */
  issueIndex: Map<number, { repo: string; number: number }>;
  dispatches: Dispatch[];
  actor: string;
  appSlug: string;
  installationId: number;
  /** The App's registration (the JWT-authenticated endpoints). */
  app: AppRegistration;
}

export function nextId(world: World): number {
  return world.nextId++;
}

/** ISO 8601 without milliseconds, as GitHub writes timestamps. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function iso(world: World): string {
  return isoAt(world.clock.ms);
}

export function ensureUser(world: World, login: string): User {
  let user = world.users.get(login.toLowerCase());
  if (!user) {
    user = { login, id: nextId(world), type: login.endsWith("[bot]") ? "Bot" : "User" };
    world.users.set(login.toLowerCase(), user);
  }
  return user;
}

export function repoKey(owner: string, repo: string): string {
  return `${owner}/${repo}`.toLowerCase();
}

export function createWorld(options: { start: number; actor: string; appSlug: string; installationId: number }): World {
  const world: World = {
    clock: { ms: options.start },
    nextId: 1000,
    users: new Map(),
    repos: new Map(),
    teams: new Map(),
    tokens: new Map(),
    issueIndex: new Map(),
    dispatches: [],
    actor: options.actor,
    appSlug: options.appSlug,
    installationId: options.installationId,
    app: defaultApp(options, { ...APP_PERMISSIONS }, [...APP_EVENTS]),
  };
  ensureUser(world, options.actor);
  return world;
}
