import { describeRule, principalName, type ApprovalRule, type Principal } from "../plan/approval-rule.js";

/** What the gate's judgement needs besides the rule and the approvals, gathered by the use case. */
export interface GateFacts {
  /** `@org/team` membership as the forge (or the settings' `teams`) told; undefined: cannot be known. */
  isMember(team: string, login: string): boolean | undefined;
  /** The owners of each file deliverable of the phase, from CODEOWNERS; undefined: no line covers it. */
  codeowners: { path: string; owners: string[] | undefined }[];
  /** The task's authors (lowercase logins): their approvals count only with `allowSelfApproval`. */
  authors: ReadonlySet<string>;
  allowSelfApproval: boolean;
}

/** One requirement of the gate, as it stands. */
export interface RequirementVerdict {
  /** `1 of @acme/security`, `2 approvals`, `1 of the code owners of docs/a.md (@acme/docs)`. */
  label: string;
  count: number;
  /** Approvers whose approval counts here. */
  counted: string[];
  missing: number;
  /** Who could give a missing approval: logins and teams; [] with `anyone`: any collaborator. */
  whoCan: string[];
  anyone: boolean;
  /** Approvals that do not count here, and why (an author, a membership that cannot be checked). */
  notes: string[];
}

export interface GateVerdict {
  passed: boolean;
  rule: string;
  source: string;
  requirements: RequirementVerdict[];
}

interface Requirement {
  label: string;
  count: number;
  from: Principal[];
  /** Owners standing in for `codeowners`; `anyone` when the group names nobody. */
  owners: string[];
  unowned?: string[];
}

/**
 * Judge a gate: every requirement needs `count` distinct approvers from its people and teams (an
 * approver counts toward every requirement they belong to). `codeowners` needs `count` approvals from
 * the owners of each deliverable (the owners GitHub would ask for), and is never met when no
 * CODEOWNERS line covers any deliverable. Pure: memberships and owners come in as facts.
 */
export function evaluateGate(rule: ApprovalRule, approvers: readonly string[], facts: GateFacts): GateVerdict {
  const requirements = expand(rule, facts).map((req) => judge(req, approvers, facts));
  const passed = approvers.length > 0 && requirements.every((r) => r.missing === 0);
  return { passed, rule: describeRule(rule), source: rule.source, requirements };
}

/**
 * Why `login` may approve under the rule (the role the log records: `approver`, `member of @org/team`,
 * `code owner`, `collaborator`), or the teams whose membership could not be checked.
 */
export function roleOf(rule: ApprovalRule, login: string, facts: GateFacts): { role: string } | { unknown: string[] } {
  const unknown = new Set<string>();
  const me = login.toLowerCase();
  for (const req of expand(rule, facts)) {
    if (req.from.length === 0 && req.owners.length === 0 && !req.unowned) return { role: "collaborator" };
    for (const p of req.from) {
      if (p.kind === "user" && p.login.toLowerCase() === me) return { role: "approver" };
      if (p.kind !== "team") continue;
      const member = facts.isMember(p.team, login);
      if (member === true) return { role: `member of ${p.team}` };
      if (member === undefined) unknown.add(p.team);
    }
    for (const owner of req.owners) {
      const member = owner.startsWith("@") ? facts.isMember(owner, login) : owner.toLowerCase() === me;
      if (member === true) return { role: "code owner" };
      if (member === undefined) unknown.add(owner);
    }
  }
  return { unknown: [...unknown] };
}

/** Everyone a rule could ask, for "who can approve" (teams named, not expanded). */
export function whoCanApprove(rule: ApprovalRule, facts: GateFacts): string {
  const names = new Set<string>();
  let anyone = false;
  for (const req of expand(rule, facts)) {
    if (req.from.length === 0) anyone = true;
    for (const n of namesIn(req)) names.add(n);
  }
  const listed = [...names].join(", ");
  if (anyone) return listed ? `${listed}, or any collaborator` : "any collaborator";
  return listed || "nobody yet (no CODEOWNERS line covers the deliverables)";
}

function expand(rule: ApprovalRule, facts: GateFacts): Requirement[] {
  const out: Requirement[] = [];
  for (const group of rule.groups) {
    const direct = group.from.filter((p) => p.kind !== "codeowners");
    const label = (what: string) => `${group.count} of ${what}`;
    if (group.from.length === 0) {
      out.push({
        label: `${group.count} approval${group.count === 1 ? "" : "s"}`,
        count: group.count,
        from: [],
        owners: [],
      });
      continue;
    }
    if (direct.length === group.from.length) {
      out.push({ label: label(direct.map(principalName).join(" | ")), count: group.count, from: direct, owners: [] });
      continue;
    }
    // One requirement per distinct set of owners, as GitHub asks one owner of each file.
    const byOwners = new Map<string, { owners: string[]; paths: string[] }>();
    const unowned: string[] = [];
    for (const { path, owners } of facts.codeowners) {
      if (!owners || owners.length === 0) {
        unowned.push(path);
        continue;
      }
      const key = [...owners].sort().join(" ");
      const entry = byOwners.get(key) ?? { owners, paths: [] };
      entry.paths.push(path);
      byOwners.set(key, entry);
    }
    const others = direct.map(principalName);
    if (byOwners.size === 0) {
      const what = ["code owners (none: no CODEOWNERS line covers the deliverables)", ...others].join(" | ");
      out.push({ label: label(what), count: group.count, from: direct, owners: [], unowned });
      continue;
    }
    for (const { owners, paths } of byOwners.values()) {
      const what = [`code owners of ${paths.join(", ")}`, ...others].join(" | ");
      out.push({ label: label(what), count: group.count, from: direct, owners });
    }
  }
  return out;
}

function teamsIn(req: Requirement): string[] {
  return [
    ...req.from.flatMap((p) => (p.kind === "team" ? [p.team] : [])),
    ...req.owners.filter((o) => o.startsWith("@")),
  ];
}

function namesIn(req: Requirement): string[] {
  return [...req.owners, ...req.from.map(principalName)];
}

/** Whether `login` belongs to the requirement: true, false, or undefined when a team cannot be checked. */
function belongs(req: Requirement, login: string, facts: GateFacts): boolean | undefined {
  if (req.from.length === 0 && req.owners.length === 0 && !req.unowned) return true;
  const me = login.toLowerCase();
  let unknown = false;
  for (const name of namesIn(req)) {
    if (!name.startsWith("@")) {
      if (name.toLowerCase() === me) return true;
      continue;
    }
    const member = facts.isMember(name, login);
    if (member === true) return true;
    if (member === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

function judge(req: Requirement, approvers: readonly string[], facts: GateFacts): RequirementVerdict {
  const counted: string[] = [];
  const notes: string[] = [];
  for (const login of approvers) {
    const member = belongs(req, login, facts);
    if (member === false) continue;
    if (member === undefined) {
      notes.push(`${login}: membership of ${teamsIn(req).join(", ")} cannot be checked here`);
      continue;
    }
    if (!facts.allowSelfApproval && facts.authors.has(login.toLowerCase())) {
      notes.push(`${login}: an author of the task`);
      continue;
    }
    if (!counted.includes(login)) counted.push(login);
  }
  const anyone = req.from.length === 0 && req.owners.length === 0 && !req.unowned;
  return {
    label: req.label,
    count: req.count,
    counted,
    missing: Math.max(0, req.count - counted.length),
    whoCan: namesIn(req),
    anyone,
    notes,
  };
}
