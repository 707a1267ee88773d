/** The App itself (JWT-authenticated endpoints): its registration, webhook settings and installations. */
import { verify } from "node:crypto";
import { FakeHttpError, ok, type Ctx, type Handler } from "./context.js";
import type { World } from "./state.js";

export interface FakeInstallation {
  id: number;
  account: string;
  permissions: Record<string, string>;
  events: string[];
  suspended?: boolean;
}

/** What GitHub knows of the App; `publicKey` set → JWTs are verified against it and `id`. */
export interface AppRegistration {
  id: number;
  publicKey?: string;
  permissions: Record<string, string>;
  events: string[];
  hook: { url: string; secret: boolean; contentType: "json" | "form" };
  installations: FakeInstallation[];
}

/** GitHub answers 401 to a JWT it cannot verify, or one issued for another App. */
function checkJwt(ctx: Ctx): AppRegistration {
  const app = ctx.world.app;
  if (!app.publicKey) return app;
  const [head, body, signature] = (ctx.authorization ?? "").replace(/^bearer\s+/i, "").split(".");
  const signed =
    head &&
    body &&
    signature &&
    verify("RSA-SHA256", Buffer.from(`${head}.${body}`), app.publicKey, Buffer.from(signature, "base64url"));
  if (!signed) throw new FakeHttpError(401, "A JSON web token could not be decoded");
  const claims = JSON.parse(Buffer.from(body, "base64url").toString()) as { iss?: unknown };
  if (String(claims.iss) !== String(app.id)) throw new FakeHttpError(401, "'Issuer' claim ('iss') must be an Integer");
  return app;
}

export const appHandlers: Record<string, Handler> = {
  "apps/get-authenticated": (ctx) => {
    const app = checkJwt(ctx);
    const slug = ctx.world.appSlug;
    return ok({
      id: app.id,
      slug,
      name: slug,
      owner: null,
      html_url: `${ctx.urls.html}/apps/${slug}`,
      permissions: app.permissions,
      events: app.events,
    });
  },
  "apps/get-webhook-config-for-app": (ctx) => {
    const { hook } = checkJwt(ctx);
    return ok({
      url: hook.url,
      content_type: hook.contentType,
      insecure_ssl: "0",
      ...(hook.secret && { secret: "********" }),
    });
  },
  "apps/list-installations": (ctx) =>
    ok(
      checkJwt(ctx).installations.map((i) => ({
        id: i.id,
        account: { login: i.account },
        app_id: ctx.world.app.id,
        app_slug: ctx.world.appSlug,
        target_type: "Organization",
        permissions: i.permissions,
        events: i.events,
        repository_selection: "all",
        html_url: `${ctx.urls.html}/organizations/${i.account}/settings/installations/${i.id}`,
        suspended_at: i.suspended ? "2025-01-01T00:00:00Z" : null,
      })),
    ),
};

/** Default registration: what app.yml asks for, a real webhook URL with a secret, one installation. */
export function defaultApp(
  world: Pick<World, "installationId">,
  permissions: Record<string, string>,
  events: string[],
): AppRegistration {
  return {
    id: 1,
    permissions,
    events,
    hook: { url: "https://phasegate.acme.test/api/github/webhooks", secret: true, contentType: "json" },
    installations: [
      { id: world.installationId, account: "acme", permissions: { ...permissions }, events: [...events] },
    ],
  };
}
