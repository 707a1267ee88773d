/** Repositories, permissions, teams, the App's installation and repository dispatch. */
import { FakeHttpError, getRepo, noContent, notFound, ok, type Handler } from "./context.js";
import { permissionFlags, roleOf } from "./permissions.js";
import { loginJson, repositoryJson, userJson } from "./serialize.js";
import { isoAt, type Role } from "./state.js";

/** The legacy `permission` field folds maintain into write and triage into read. */
const LEGACY: Record<Role, string> = {
  admin: "admin",
  maintain: "write",
  write: "write",
  triage: "read",
  read: "read",
  none: "none",
};

export const peopleHandlers: Record<string, Handler> = {
  "repos/get": (ctx) => {
    const repo = getRepo(ctx);
    return ok({
      ...repositoryJson(ctx.world, ctx.urls, repo),
      permissions: permissionFlags(roleOf(repo, ctx.actor.login)),
    });
  },
  "repos/get-collaborator-permission-level": (ctx) => {
    const repo = getRepo(ctx);
    // GitHub answers "none" for a known user without access and 404 only for an unknown login.
    const user = ctx.world.users.get(ctx.params.username!.toLowerCase());
    if (!user) throw notFound();
    const role = roleOf(repo, user.login);
    return ok({
      permission: LEGACY[role],
      role_name: role,
      user: { ...userJson(ctx.urls, user), permissions: permissionFlags(role), role_name: role },
    });
  },
  "teams/get-membership-for-user-in-org": (ctx) => {
    const { org, team_slug, username } = ctx.params;
    const members = ctx.world.teams.get(`${org}/${team_slug}`.toLowerCase());
    if (!members?.has(username!.toLowerCase())) throw notFound();
    return ok({
      url: `${ctx.urls.api}/teams/${team_slug}/memberships/${username}`,
      role: "member",
      state: "active",
    });
  },
  "apps/create-installation-access-token": (ctx) => {
    if (Number(ctx.params.installation_id) !== ctx.world.installationId) throw notFound();
    const token = `ghs_fake${ctx.world.nextId++}`;
    ctx.world.tokens.set(token, `${ctx.world.appSlug}[bot]`);
    return ok(
      {
        token,
        expires_at: isoAt(ctx.world.clock.ms + 3_600_000),
        permissions: { contents: "write", issues: "write", checks: "write", metadata: "read" },
        repository_selection: "all",
      },
      201,
    );
  },
  "apps/get-repo-installation": (ctx) => {
    const repo = getRepo(ctx);
    return ok({
      id: ctx.world.installationId,
      account: loginJson(ctx.world, ctx.urls, repo.owner),
      app_id: 1,
      app_slug: ctx.world.appSlug,
      target_type: "Organization",
      permissions: { contents: "write", issues: "write", checks: "write", metadata: "read" },
      events: [],
      repository_selection: "all",
    });
  },
  "repos/create-dispatch-event": (ctx) => {
    const repo = getRepo(ctx);
    const b = ctx.body as { event_type: string; client_payload?: Record<string, unknown> };
    // https://docs.github.com/rest/repos/repos#create-a-repository-dispatch-event
    if (Object.keys(b.client_payload ?? {}).length > 10)
      throw new FakeHttpError(422, "client_payload may have at most 10 top-level properties");
    ctx.world.dispatches.push({
      owner: repo.owner,
      repo: repo.name,
      event_type: b.event_type,
      client_payload: b.client_payload ?? {},
      at: ctx.world.clock.ms,
    });
    return noContent();
  },
};
