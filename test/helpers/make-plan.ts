import type { FileChecks, Phase, Plan, Task } from "../../core/plan/plan.js";

/** A phase list like the kiro preset's, with file deliverables under `.kiro/specs/<spec>/`. */
export function kiroPhases(spec: string, gates: Partial<Record<string, boolean>> = {}): Phase[] {
  const base = `.kiro/specs/${spec}`;
  const file = (path: string, extra: Partial<FileChecks> = {}) => ({
    kind: "file" as const,
    path,
    checks: {
      exists: true as const,
      notEmpty: true,
      headings: [],
      noPlaceholders: true,
      checklistComplete: false,
      hasChecklist: false,
      requirements: false,
      requirementsCovered: false,
      sourceItem: false,
      ...extra,
    },
  });
  return [
    {
      id: "design",
      title: "Design",
      weight: 15,
      approvalRequired: gates.design ?? true,
      deliverables: [file(`${base}/design.md`)],
      onChange: "revoke",
    },
    {
      id: "spec",
      title: "Spec",
      weight: 25,
      approvalRequired: gates.spec ?? true,
      deliverables: [file(`${base}/requirements.md`)],
      onChange: "revoke",
    },
    {
      id: "task",
      title: "Task",
      weight: 20,
      approvalRequired: gates.task ?? false,
      deliverables: [file(`${base}/tasks.md`, { hasChecklist: true })],
      onChange: "revoke",
    },
    {
      id: "execute",
      title: "Execute",
      weight: 40,
      approvalRequired: gates.execute ?? true,
      deliverables: [file(`${base}/tasks.md`, { checklistComplete: true }), { kind: "signal", signal: "ci_green" }],
      onChange: "revoke",
    },
  ];
}

export function makeTask(id: string, dependencies: string[] = [], overrides: Partial<Task> = {}): Task {
  const spec = overrides.spec ?? id.toLowerCase();
  return {
    id,
    title: `Task ${id}`,
    description: "",
    dependencies,
    assignees: [],
    approvers: [],
    spec,
    phases: kiroPhases(spec),
    compliant: true,
    ...overrides,
  };
}

export function makePlan(tasks: Task[], overrides: Partial<Plan> = {}): Plan {
  return {
    file: ".milestones/m1.yaml",
    version: 1,
    id: "m1",
    title: "Milestone one",
    description: "",
    requires: [],
    branch: "milestone/m1",
    approvers: ["alice"],
    workflow: "kiro",
    settings: {
      allowSelfApproval: false,
      minApproverPermission: "write",
      checkpointMinChanges: 10,
      claimTtlMs: 4 * 3600_000,
      autoStart: true,
      teams: {},
    },
    tasks,
    derived: [],
    ...overrides,
  };
}
