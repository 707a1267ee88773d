import type { Permission } from "../core/index.js";

const ROLES: Readonly<Record<string, Permission>> = {
  ADMIN: "admin",
  MAINTAIN: "maintain",
  WRITE: "write",
  TRIAGE: "triage",
  READ: "read",
};

/** The field the first GraphQL query adds to read the actor's permission (`$actor`: the login). */
export const ACTOR_FIELD = "actor: collaborators(login: $actor, first: 1) { edges { permission } }";

/**
 * The permission of the user a delivery acts for (the webhook's sender), read along with the
 * delivery's first GraphQL query instead of one REST request of its own (ADR 30): the query that
 * reads the plan and the log asks `collaborators(login:)` too. One per delivery: the ports are. Only
 * an answer that names the user is kept; no edge (not a collaborator, or a public repository's
 * reader) or a refused field leaves the REST read to answer, as GitHub documents it.
 * https://docs.github.com/graphql/reference/objects#repositorycollaboratoredge
 */
export class ActorPermission {
  private asked = false;
  private found: Permission | undefined;

  constructor(readonly login: string) {}

  /** True the first time only: the query that asks is the delivery's first. */
  ask(): boolean {
    if (this.asked) return false;
    this.asked = true;
    return true;
  }

  /** The `collaborators` connection as the query answered it (null: the field was refused). */
  learn(answer: { edges?: { permission?: string }[] | null } | null | undefined): void {
    const permission = answer?.edges?.[0]?.permission;
    if (permission !== undefined) this.found = ROLES[permission];
  }

  /** The permission of `user` when it was read along; undefined: ask the REST API. */
  of(user: string): Permission | undefined {
    return user.toLowerCase() === this.login.toLowerCase() ? this.found : undefined;
  }
}
