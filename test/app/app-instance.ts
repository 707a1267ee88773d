import { Probot, ProbotOctokit } from "probot";
import { phasegateApp } from "../../app/phasegate-app.js";
import type { AppDeps } from "../../app/app-deps.js";
import type { FakeGitHub } from "../helpers/fake-github/index.js";
import { generateKeyPairSync } from "node:crypto";

export const OWNER = "acme";
export const REPO = "rocket";

export const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({
  type: "pkcs1",
  format: "pem",
}) as string;

/** One running copy of the App (a replica): its own Probot, the same fake GitHub as the others. */
export interface AppInstance {
  probot: Probot;
  /** Deliver a webhook (installation and repository set to the fake's); `id` defaults to a fresh one. */
  deliver(name: string, payload: Record<string, any>, id?: string): Promise<void>;
}

let deliveries = 0;

/** A fresh delivery id (`d-<n>`), unique across every instance of the test run. */
export function nextDeliveryId(): string {
  return `d-${++deliveries}`;
}

/** The App loaded under a Probot of its own, talking to `gh` (Probot's retry and throttling off). */
export async function createAppInstance(gh: FakeGitHub, deps: AppDeps): Promise<AppInstance> {
  const probot = new Probot({
    appId: 1,
    privateKey,
    logLevel: "fatal",
    Octokit: ProbotOctokit.defaults((o: object) => ({ ...o, retry: { enabled: false }, throttle: { enabled: false } })),
    request: { fetch: gh.fetch },
  });
  await probot.load(phasegateApp(deps));
  return {
    probot,
    async deliver(name, payload, id) {
      payload.installation = { id: 2 };
      const repository = (payload.repository ??= {});
      Object.assign(repository, {
        name: REPO,
        full_name: `${OWNER}/${REPO}`,
        default_branch: "main",
        html_url: `https://github.com/${OWNER}/${REPO}`,
      });
      repository.owner = { ...(repository.owner ?? {}), login: OWNER };
      await probot.receive({ id: id ?? nextDeliveryId(), name, payload } as never);
    },
  };
}
