/**
 * What the Actions runner says about the run, from its default environment variables
 * (https://docs.github.com/actions/reference/variables-reference#default-environment-variables).
 * Read here, in the shell, and passed to the core as plain values: the core never reads the environment.
 */
export interface RunEnvironment {
  /** Who started the run: recorded as the actor of every event the run appends. */
  actor: string;
  /** `gha-<run id>-<attempt>`: one session per job attempt, so a re-run is a new session. */
  sessionId: string;
  /** `push`, `schedule`, `pull_request_target`…; undefined outside Actions. */
  eventName: string | undefined;
  /** The checkout the action works on; `working-directory` is resolved against it. */
  workspace: string;
  /** `owner/repo` (GITHUB_REPOSITORY); undefined outside Actions. */
  repository: string | undefined;
  /** The REST API's base URL: `https://api.github.com`, or GHES's `https://host/api/v3` (GITHUB_API_URL). */
  apiUrl: string;
  /** `https://github.com` or the GHES host (GITHUB_SERVER_URL), for links. */
  serverUrl: string;
  /** The webhook payload's file (GITHUB_EVENT_PATH). */
  eventPath: string | undefined;
}

/** Used outside Actions (a local run of the bundle) where the runner's variables are missing. */
const LOCAL_ACTOR = "github-actions";

export function readRunEnvironment(env: NodeJS.ProcessEnv, cwd: string, now: Date): RunEnvironment {
  const runId = digits(env.GITHUB_RUN_ID);
  const attempt = digits(env.GITHUB_RUN_ATTEMPT) ?? "1";
  return {
    actor: env.GITHUB_ACTOR?.trim() || LOCAL_ACTOR,
    sessionId: runId ? `gha-${runId}-${attempt}` : `gha-local-${now.toISOString().replace(/[-:]/g, "").slice(0, 15)}`,
    eventName: env.GITHUB_EVENT_NAME || undefined,
    workspace: env.GITHUB_WORKSPACE || cwd,
    repository: env.GITHUB_REPOSITORY || undefined,
    apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""),
    serverUrl: (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, ""),
    eventPath: env.GITHUB_EVENT_PATH || undefined,
  };
}

/** The session id names a file (`.milestones/sessions/<id>.yaml`): only digits are taken from the runner. */
function digits(value: string | undefined): string | undefined {
  return value !== undefined && /^\d{1,20}$/.test(value) ? value : undefined;
}
