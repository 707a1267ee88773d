/** What `npm start` needs, with where it comes from (docs/deploy.md lists every variable). */
const REQUIRED: { name: string; ok: (env: NodeJS.ProcessEnv) => boolean; why: string }[] = [
  { name: "APP_ID", ok: (e) => Boolean(e.APP_ID), why: "the App's id, on its settings page" },
  {
    name: "PRIVATE_KEY or PRIVATE_KEY_PATH",
    ok: (e) => Boolean(e.PRIVATE_KEY || e.PRIVATE_KEY_PATH),
    why: "the App's private key (PEM text, or the path of the downloaded .pem file)",
  },
  {
    name: "WEBHOOK_SECRET",
    ok: (e) => Boolean(e.WEBHOOK_SECRET) && e.WEBHOOK_SECRET !== "development",
    why: "the webhook secret set on the App; without it anyone could send the App events",
  },
];

/** The variables that are missing, each with a line saying what it is; [] when the App can start. */
export function findMissingEnv(env: NodeJS.ProcessEnv): string[] {
  return REQUIRED.filter((r) => !r.ok(env)).map((r) => `${r.name}: ${r.why}`);
}

/** The message `npm start` prints before exiting when something is missing. */
export function renderMissingEnv(missing: string[]): string {
  return [
    "Phasegate cannot start: these environment variables are missing (set them, or put them in .env):",
    ...missing.map((m) => `  - ${m}`),
    "See docs/deploy.md. To create the App from app.yml first, run `npm start -- --setup`.",
  ].join("\n");
}
