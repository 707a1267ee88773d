import { CommandRefused } from "../core/index.js";
import type { ApiContext } from "./api-context.js";
import type { RunEnvironment } from "./run-environment.js";

/** Looks up where pull request `number`'s head lives (`owner/repo`); undefined when unknown. */
export type PullHeadLookup = (number: number) => Promise<string | undefined>;

/**
 * Where the code of this run may come from, when that is outside the repository (docs/action.md,
 * "Forks"): a fork's pull request (`pull_request`, `pull_request_target`, `pull_request_review`,
 * `pull_request_review_comment`, `pull_request_review_thread`), a `workflow_run` of a fork's head, an
 * `issue_comment` on a fork's pull request, a `check_run` or `check_suite` of a fork's commit, a
 * `status` of a commit on no branch here. The checkout, its test command and its files are then
 * someone else's, while the job holds this repository's token and secrets. An origin the payload does
 * not show counts as outside, and so does an event not in OWN_CODE_EVENTS (one GitHub adds later is
 * refused until it is looked at). Undefined: the event carries only the repository's own code (push,
 * schedule, workflow_dispatch…), or there is no event (a run outside a workflow).
 */
export async function findUntrustedOrigin(
  eventName: string | undefined,
  payload: Record<string, any>,
  repository: string,
  pullHead: PullHeadLookup,
): Promise<string | undefined> {
  const own = (fullName: unknown) =>
    typeof fullName === "string" && fullName.toLowerCase() === repository.toLowerCase();
  const named = (fullName: unknown) => (typeof fullName === "string" ? fullName : "an unknown repository");
  switch (eventName) {
    case "pull_request":
    case "pull_request_target":
    case "pull_request_review":
    case "pull_request_review_comment":
    case "pull_request_review_thread": {
      const head = payload.pull_request?.head?.repo?.full_name;
      return own(head) ? undefined : `a pull request from ${named(head)}`;
    }
    case "workflow_run": {
      const head = payload.workflow_run?.head_repository?.full_name;
      return own(head) ? undefined : `a workflow run of code from ${named(head)}`;
    }
    case "issue_comment": {
      if (!payload.issue?.pull_request) return undefined;
      const number = Number(payload.issue.number);
      const head = Number.isInteger(number) ? await pullHead(number).catch(() => undefined) : undefined;
      return own(head) ? undefined : `a comment on pull request #${payload.issue.number} from ${named(head)}`;
    }
    case "check_run":
    case "check_suite":
      return checkOrigin(eventName, payload, repository);
    case "status": {
      // The branches here that contain the commit; a fork's commit is on none of them.
      const branches = payload.branches;
      const here = Array.isArray(branches) && branches.some((b) => typeof b?.name === "string");
      return here ? undefined : `a status of commit ${String(payload.sha ?? "unknown")} on no branch of ${repository}`;
    }
    default:
      if (eventName === undefined || OWN_CODE_EVENTS.has(eventName)) return undefined;
      return `an event (${eventName}) not known to carry only ${repository}'s code`;
  }
}

/**
 * Events whose checkout is this repository's own code: only writers can start them, or their commit is
 * the default branch's (docs/action.md, "Forks"). `merge_group` holds only pull requests a writer queued.
 */
const OWN_CODE_EVENTS: ReadonlySet<string> = new Set([
  "push",
  "schedule",
  "workflow_dispatch",
  "repository_dispatch",
  "release",
  "deployment",
  "deployment_status",
  "merge_group",
  "issues",
  "milestone",
  "label",
  "create",
  "delete",
  "discussion",
  "discussion_comment",
  "gollum",
  "watch",
  "fork",
  "public",
  "page_build",
  "branch_protection_rule",
]);

/**
 * A check suite's head is a branch of this repository, or a fork's (GitHub then gives no
 * `head_branch` and no pull requests). Each pull request it lists must have its head here too: its
 * `head.repo` names the repository by API URL only (`…/repos/<owner>/<name>`).
 */
function checkOrigin(eventName: string, payload: Record<string, any>, repository: string): string | undefined {
  const suite = eventName === "check_suite" ? payload.check_suite : payload.check_run?.check_suite;
  const what = eventName === "check_suite" ? "a check suite" : "a check run";
  if (typeof suite?.head_branch !== "string" || suite.head_branch === "") return `${what} of a fork's commit`;
  const pulls = [...asArray(suite.pull_requests), ...asArray(payload.check_run?.pull_requests)];
  const own = (url: unknown) =>
    typeof url === "string" && url.toLowerCase().endsWith(`/repos/${repository.toLowerCase()}`);
  const outside = pulls.find((pull) => !own(pull?.head?.repo?.url));
  if (outside === undefined) return undefined;
  const number = Number.isInteger(outside?.number) ? ` #${outside.number}` : "";
  return `${what} of pull request${number} from ${String(outside?.head?.repo?.url ?? "an unknown repository")}`;
}

function asArray(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Commands that write to the repository (sync, scan, checkpoint, claim, release) refuse to run when
 * the event can carry code from outside it (findUntrustedOrigin). `phase-check`, `gate` and `status` only read
 * (the head's files through the API, as data) and post a check run, so they are allowed.
 */
export async function refuseForkWrites(command: string, ctx: ApiContext, run: RunEnvironment): Promise<void> {
  const origin = await findUntrustedOrigin(run.eventName, ctx.payload, `${ctx.owner}/${ctx.name}`, ctx.pullHead);
  if (origin === undefined) return;
  throw new CommandRefused(
    command,
    `${command} writes to the repository and is refused under ${run.eventName} for ${origin}`,
    { code: "fork-write", whoCan: "run it on push, schedule or workflow_dispatch" },
  );
}
