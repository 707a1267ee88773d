/**
 * State fields the original protocol wrote into milestone files (`yq e '.status = …' -i`), per
 * level of the file. Phasegate accepts them so those files load, lists them in `plan.derived`, and
 * never reads their values: state is folded from the event log.
 */
export const DERIVED_PLAN_KEYS = [
  "status",
  "progress",
  "execution",
  "current_phase",
  "started_at",
  "completed_at",
  "blockers",
  "created_at",
  "updated_at",
] as const;

export const DERIVED_TASK_KEYS = [
  "status",
  "progress",
  "current_phase",
  "started_at",
  "completed_at",
  "blockers",
  "created_at",
  "updated_at",
] as const;

export const DERIVED_KIRO_WORKFLOW_KEYS = ["current_phase"] as const;

export const DERIVED_PHASE_KEYS = [
  "status",
  "started_at",
  "completed_at",
  "approved",
  "approved_by",
  "approved_at",
  "approval_comment",
  "approval_notes",
  "rejected_by",
  "rejected_at",
  "rejection_reason",
  "validated_at",
] as const;
