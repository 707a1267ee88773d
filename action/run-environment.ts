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
  };
}

/** The session id names a file (`.milestones/sessions/<id>.yaml`): only digits are taken from the runner. */
function digits(value: string | undefined): string | undefined {
  return value !== undefined && /^\d{1,20}$/.test(value) ? value : undefined;
}
