/** Response bodies shaped like GitHub's, with the fields clients read. */
import type { Urls } from "./context.js";
import {
  ensureUser,
  iso,
  type Comment,
  type Issue,
  type Label,
  type Milestone,
  type RepoState,
  type User,
  type World,
} from "./state.js";

export function nodeId(kind: string, id: number): string {
  return `${kind}_${Buffer.from(`fake:${id}`).toString("base64url")}`;
}

export function userJson(u: Urls, user: User): Record<string, unknown> {
  // GitHub escapes a bot's brackets in its URLs: /users/phasegate%5Bbot%5D.
  const url = `${u.api}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === "Bot" ? "BOT" : "U", user.id),
    type: user.type,
    site_admin: false,
    url,
    html_url: user.type === "Bot" ? `${u.html}/apps/${user.login.replace(/\[bot\]$/, "")}` : `${u.html}/${user.login}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: "",
    events_url: `${url}/events{/privacy}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    organizations_url: `${url}/orgs`,
    received_events_url: `${url}/received_events`,
    repos_url: `${url}/repos`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
  };
}

/** The URL templates every repository object carries (`minimal-repository`). */
const REPO_LINKS: Record<string, string> = {
  archive_url: "/{archive_format}{/ref}",
  assignees_url: "/assignees{/user}",
  blobs_url: "/git/blobs{/sha}",
  branches_url: "/branches{/branch}",
  collaborators_url: "/collaborators{/collaborator}",
  comments_url: "/comments{/number}",
  commits_url: "/commits{/sha}",
  compare_url: "/compare/{base}...{head}",
  contents_url: "/contents/{+path}",
  contributors_url: "/contributors",
  deployments_url: "/deployments",
  downloads_url: "/downloads",
  events_url: "/events",
  forks_url: "/forks",
  git_commits_url: "/git/commits{/sha}",
  git_refs_url: "/git/refs{/sha}",
  git_tags_url: "/git/tags{/sha}",
  hooks_url: "/hooks",
  issue_comment_url: "/issues/comments{/number}",
  issue_events_url: "/issues/events{/number}",
  issues_url: "/issues{/number}",
  keys_url: "/keys{/key_id}",
  labels_url: "/labels{/name}",
  languages_url: "/languages",
  merges_url: "/merges",
  milestones_url: "/milestones{/number}",
  notifications_url: "/notifications{?since,all,participating}",
  pulls_url: "/pulls{/number}",
  releases_url: "/releases{/id}",
  stargazers_url: "/stargazers",
  statuses_url: "/statuses/{sha}",
  subscribers_url: "/subscribers",
  subscription_url: "/subscription",
  tags_url: "/tags",
  teams_url: "/teams",
  trees_url: "/git/trees{/sha}",
};

/**
 * A repository as GitHub's `repository` / `full-repository` schemas have it, owned by `login` (a
 * fork's owner for a pull request's head; the fork gets an id of its own).
 */
export function repositoryJson(world: World, u: Urls, repo: RepoState, login = repo.owner): Record<string, unknown> {
  const url = `${u.api}/repos/${login}/${repo.name}`;
  const html = `${u.html}/${login}/${repo.name}`;
  const open = [...repo.issues.values()].filter((i) => i.state === "open").length;
  return {
    id: login === repo.owner ? repo.id : repo.id + 1_000_000,
    node_id: nodeId("R", repo.id),
    name: repo.name,
    full_name: `${login}/${repo.name}`,
    private: repo.private,
    visibility: repo.private ? "private" : "public",
    owner: loginJson(world, u, login),
    html_url: html,
    url,
    description: null,
    fork: login !== repo.owner,
    ...Object.fromEntries(Object.entries(REPO_LINKS).map(([key, path]) => [key, url + path])),
    clone_url: `${html}.git`,
    git_url: `${html.replace(/^https?:/, "git:")}.git`,
    ssh_url: `git@${new URL(u.html).host}:${login}/${repo.name}.git`,
    svn_url: html,
    mirror_url: null,
    homepage: null,
    language: null,
    default_branch: repo.defaultBranch,
    forks: 0,
    forks_count: 0,
    stargazers_count: 0,
    watchers: 0,
    watchers_count: 0,
    subscribers_count: 0,
    network_count: 0,
    size: 0,
    open_issues: open,
    open_issues_count: open,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    has_downloads: false,
    archived: false,
    disabled: false,
    license: null,
    pushed_at: iso(world),
    created_at: iso(world),
    updated_at: iso(world),
  };
}

export const loginJson = (world: World, u: Urls, login: string) => userJson(u, ensureUser(world, login));

export function repoUrl(u: Urls, repo: RepoState): string {
  return `${u.api}/repos/${repo.owner}/${repo.name}`;
}

export function labelJson(u: Urls, repo: RepoState, label: Label): Record<string, unknown> {
  return {
    id: label.id,
    node_id: nodeId("LA", label.id),
    url: `${repoUrl(u, repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    description: label.description,
    default: label.default,
  };
}

export function milestoneJson(world: World, u: Urls, repo: RepoState, m: Milestone): Record<string, unknown> {
  const issues = [...repo.issues.values()].filter((i) => i.milestone === m.number);
  return {
    id: m.id,
    node_id: nodeId("MI", m.id),
    number: m.number,
    url: `${repoUrl(u, repo)}/milestones/${m.number}`,
    html_url: `${u.html}/${repo.owner}/${repo.name}/milestone/${m.number}`,
    labels_url: `${repoUrl(u, repo)}/milestones/${m.number}/labels`,
    title: m.title,
    description: m.description,
    state: m.state,
    creator: loginJson(world, u, m.creator),
    open_issues: issues.filter((i) => i.state === "open").length,
    closed_issues: issues.filter((i) => i.state === "closed").length,
    created_at: m.created_at,
    updated_at: m.updated_at,
    closed_at: m.closed_at,
    due_on: m.due_on,
  };
}

function openCount(world: World, ids: number[]): number {
  return ids.filter((id) => {
    const at = world.issueIndex.get(id);
    return at && world.repos.get(at.repo)?.issues.get(at.number)?.state === "open";
  }).length;
}

/** Issues blocked by `issue` (the reverse of `blockedBy`), across the world. */
export function blockingIds(world: World, issue: Issue): number[] {
  const out: number[] = [];
  for (const repo of world.repos.values())
    for (const other of repo.issues.values()) if (other.blockedBy.includes(issue.id)) out.push(other.id);
  return out;
}

export function issueJson(world: World, u: Urls, repo: RepoState, issue: Issue): Record<string, unknown> {
  const url = `${repoUrl(u, repo)}/issues/${issue.number}`;
  const html = `${u.html}/${repo.owner}/${repo.name}/${issue.pull ? "pull" : "issues"}/${issue.number}`;
  const labels = issue.labels.flatMap((id) => {
    const label = [...repo.labels.values()].find((l) => l.id === id);
    return label ? [labelJson(u, repo, label)] : [];
  });
  const milestone = issue.milestone === null ? undefined : repo.milestones.get(issue.milestone);
  const parent = issue.parent === null ? undefined : world.issueIndex.get(issue.parent);
  const subs = issue.subIssues.length;
  const completed = subs - openCount(world, issue.subIssues);
  const blocking = blockingIds(world, issue);
  const assignees = issue.assignees.map((login) => loginJson(world, u, login));
  return {
    id: issue.id,
    node_id: nodeId(issue.pull ? "PR" : "I", issue.id),
    url,
    repository_url: repoUrl(u, repo),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: html,
    number: issue.number,
    state: issue.state,
    state_reason: issue.state_reason,
    title: issue.title,
    body: issue.body,
    user: loginJson(world, u, issue.user),
    labels,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: milestone ? milestoneJson(world, u, repo, milestone) : null,
    locked: issue.locked,
    comments: [...repo.comments.values()].filter((c) => c.issue === issue.number).length,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    author_association: issue.user === repo.owner ? "OWNER" : "NONE",
    ...(issue.pull && {
      pull_request: {
        url: `${repoUrl(u, repo)}/pulls/${issue.number}`,
        html_url: html,
        diff_url: `${html}.diff`,
        patch_url: `${html}.patch`,
        merged_at: null,
      },
      draft: issue.pull.draft,
    }),
    parent_issue_url: parent ? `${u.api}/repos/${parent.repo}/issues/${parent.number}` : null,
    sub_issues_summary: {
      total: subs,
      completed,
      percent_completed: subs ? Math.floor((completed * 100) / subs) : 0,
    },
    issue_dependencies_summary: {
      blocked_by: openCount(world, issue.blockedBy),
      blocking: openCount(world, blocking),
      total_blocked_by: issue.blockedBy.length,
      total_blocking: blocking.length,
    },
  };
}

export function commentJson(world: World, u: Urls, repo: RepoState, c: Comment): Record<string, unknown> {
  return {
    id: c.id,
    node_id: nodeId("IC", c.id),
    url: `${repoUrl(u, repo)}/issues/comments/${c.id}`,
    html_url: `${u.html}/${repo.owner}/${repo.name}/issues/${c.issue}#issuecomment-${c.id}`,
    issue_url: `${repoUrl(u, repo)}/issues/${c.issue}`,
    body: c.body,
    user: loginJson(world, u, c.user),
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: c.user === repo.owner ? "OWNER" : "NONE",
  };
}
