import type { TaskState } from "../events/state.js";
import type { Phase, Plan, Task } from "../plan/plan.js";
import type { Snapshot } from "../ports.js";
import { gateRule, teamsOf, usesCodeowners } from "../plan/approval-rule.js";
import { CODEOWNERS_PATHS, ownersOf, parseCodeowners, type CodeownersRule } from "../rules/codeowners.js";
import type { GateFacts } from "../rules/evaluate-gate.js";
import type { Context } from "./context.js";

/**
 * What one context (a webhook delivery, a CLI run, an Action job) learnt about teams and code owners:
 * each membership is asked of the forge once, each CODEOWNERS file parsed once per snapshot.
 */
class GateCache {
  readonly members = new Map<string, Promise<boolean | undefined>>();
  readonly codeowners = new WeakMap<Snapshot, Promise<CodeownersRule[]>>();
}
const caches = new WeakMap<Context, GateCache>();

function cacheOf(ctx: Context): GateCache {
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = new GateCache()));
  return cache;
}

/** The rules of the first CODEOWNERS file GitHub would read, on the default branch's snapshot. */
export function readCodeowners(ctx: Context, snapshot: Snapshot): Promise<CodeownersRule[]> {
  const cache = cacheOf(ctx);
  let rules = cache.codeowners.get(snapshot);
  if (!rules) {
    rules = (async () => {
      for (const path of CODEOWNERS_PATHS) {
        const file = await snapshot.read(path);
        if (file) return parseCodeowners(file.text);
      }
      return [];
    })();
    cache.codeowners.set(snapshot, rules);
  }
  return rules;
}

/**
 * Memberships of `@org/team` through the forge (GitHub: the team membership API); where it cannot
 * tell (local mode), the `teams` of `.github/phasegate.yml`; otherwise unknown.
 */
function membership(ctx: Context, plan: Plan, team: string, login: string): Promise<boolean | undefined> {
  const cache = cacheOf(ctx);
  const key = `${team.toLowerCase()} ${login.toLowerCase()}`;
  let found = cache.members.get(key);
  if (!found) {
    found = ctx.forge.isTeamMember(team, login).then((member) => {
      if (member !== undefined) return member;
      const listed = plan.settings.teams[team.toLowerCase()];
      return listed ? listed.includes(login.toLowerCase()) : undefined;
    });
    cache.members.set(key, found);
  }
  return found;
}

/**
 * The facts a gate's rule is judged on, for the people in `logins` (the approvers, the actor): their
 * membership of every team the rule or the deliverables' code owners name, the owners of each file
 * deliverable (CODEOWNERS on the default branch, `planSnapshot`), and the task's authors.
 */
export async function gatherGateFacts(
  ctx: Context,
  plan: Plan,
  planSnapshot: Snapshot,
  task: Task,
  phase: Phase,
  t: TaskState,
  logins: readonly string[],
): Promise<GateFacts> {
  const rule = gateRule(plan, task, phase);
  const codeowners: GateFacts["codeowners"] = [];
  if (usesCodeowners(rule)) {
    const rules = await readCodeowners(ctx, planSnapshot);
    for (const d of phase.deliverables) {
      if (d.kind === "file") codeowners.push({ path: d.path, owners: ownersOf(rules, d.path) });
    }
  }
  const teams = new Set(teamsOf(rule));
  for (const { owners } of codeowners) for (const o of owners ?? []) if (o.startsWith("@")) teams.add(o);
  const known = new Map<string, boolean | undefined>();
  await Promise.all(
    [...teams].flatMap((team) =>
      [...new Set(logins)].map(async (login) =>
        known.set(`${team} ${login.toLowerCase()}`, await membership(ctx, plan, team, login)),
      ),
    ),
  );
  const assignees = task.assignees.map((a) => a.toLowerCase());
  const claimant = t.claim ? [t.claim.by.toLowerCase()] : [];
  return {
    isMember: (team, login) => known.get(`${team.toLowerCase()} ${login.toLowerCase()}`),
    codeowners,
    authors: new Set([...assignees, ...t.authors, ...claimant]),
    allowSelfApproval: plan.settings.allowSelfApproval,
  };
}
