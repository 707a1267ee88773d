import { DEFAULT_FILE_CHECKS, type FileChecks, type Phase } from "./plan.js";

/** A named workflow a plan can select with `workflow: <id>`. */
export interface WorkflowPreset {
  id: string;
  title: string;
  description: string;
  /** Phases in order. Deliverable paths may hold `{spec}`, `{task}`, `{milestone}`, replaced per task. */
  phases: readonly Phase[];
}

const checks = (overrides: Partial<FileChecks>): FileChecks => ({ ...DEFAULT_FILE_CHECKS, headings: [], ...overrides });

const SPEC_DIR = ".kiro/specs/{spec}";

/**
 * Kiro's spec layout, one folder per task (https://kiro.dev/docs/specs/), with the original
 * protocol's weights 15/25/20/40. tasks.md is not checked for placeholders: task lists legitimately
 * mention "TODO" features; its checkboxes are what matter.
 */
export const KIRO_PRESET: WorkflowPreset = {
  id: "kiro",
  title: "Kiro",
  description:
    "Design → Spec → Task → Execute with Kiro's .kiro/specs/<spec>/ files; gates on design, spec and execute.",
  phases: [
    {
      id: "design",
      title: "Design",
      weight: 15,
      approvalRequired: true,
      deliverables: [{ kind: "file", path: `${SPEC_DIR}/design.md`, checks: checks({}) }],
      onChange: "revoke",
    },
    {
      id: "spec",
      title: "Spec",
      weight: 25,
      approvalRequired: true,
      deliverables: [{ kind: "file", path: `${SPEC_DIR}/requirements.md`, checks: checks({ requirements: true }) }],
      onChange: "revoke",
    },
    {
      id: "task",
      title: "Task",
      weight: 20,
      approvalRequired: false,
      deliverables: [
        { kind: "file", path: `${SPEC_DIR}/tasks.md`, checks: checks({ hasChecklist: true, noPlaceholders: false }) },
      ],
      onChange: "revoke",
    },
    {
      id: "execute",
      title: "Execute",
      weight: 40,
      approvalRequired: true,
      deliverables: [
        {
          kind: "file",
          path: `${SPEC_DIR}/tasks.md`,
          checks: checks({ checklistComplete: true, noPlaceholders: false }),
        },
        { kind: "signal", signal: "ci_green" },
      ],
      onChange: "revoke",
    },
  ],
};

/** Every preset, the default first. */
export const WORKFLOW_PRESETS: readonly WorkflowPreset[] = [KIRO_PRESET];

export const DEFAULT_WORKFLOW = KIRO_PRESET.id;

/** The preset named `id`, or undefined. */
export function findPreset(id: string): WorkflowPreset | undefined {
  return WORKFLOW_PRESETS.find((preset) => preset.id === id);
}
