/** Who may do what in a repository; the owner is an admin. */
import type { RepoState, Role } from "./state.js";

const ORDER: Role[] = ["none", "read", "triage", "write", "maintain", "admin"];

export function roleOf(repo: RepoState, login: string): Role {
  if (login.toLowerCase() === repo.owner.toLowerCase()) return "admin";
  return repo.permissions.get(login.toLowerCase()) ?? "none";
}

export function atLeast(role: Role, min: Role): boolean {
  return ORDER.indexOf(role) >= ORDER.indexOf(min);
}

/** GitHub silently drops assignees who are not collaborators (any permission ≥ read). */
export function assignable(repo: RepoState, logins: string[]): string[] {
  return logins.filter((l) => atLeast(roleOf(repo, l), "read"));
}

/** The `permissions` object GitHub puts on repositories and users. */
export function permissionFlags(role: Role): Record<"admin" | "maintain" | "push" | "triage" | "pull", boolean> {
  return {
    admin: atLeast(role, "admin"),
    maintain: atLeast(role, "maintain"),
    push: atLeast(role, "write"),
    triage: atLeast(role, "triage"),
    pull: atLeast(role, "read"),
  };
}
