/**
 * The permissions and events app.yml asks for, as code: `phasegate doctor` and `npm start -- --check`
 * compare the App and its installations with them (a test keeps them equal to app.yml).
 */
export const APP_PERMISSIONS: Readonly<Record<string, "read" | "write">> = {
  issues: "write",
  pull_requests: "read",
  contents: "write",
  checks: "write",
  statuses: "write",
  metadata: "read",
  members: "read",
};

export const APP_EVENTS: readonly string[] = [
  "issue_comment",
  "issues",
  "pull_request",
  "pull_request_review",
  "push",
  "check_suite",
  "check_run",
  "status",
  "repository_dispatch",
];

const LEVEL: Record<string, number> = { read: 1, write: 2, admin: 3 };

/** `name: level` for each permission of APP_PERMISSIONS that `granted` lacks or holds at a lower level. */
export function findMissingPermissions(granted: Record<string, string | undefined> | undefined): string[] {
  return Object.entries(APP_PERMISSIONS)
    .filter(([name, level]) => (LEVEL[granted?.[name] ?? ""] ?? 0) < LEVEL[level]!)
    .map(([name, level]) => `${name}: ${level}`);
}
