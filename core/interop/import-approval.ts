import { APPROVER_PATTERN } from "../plan/plan-patterns.js";
import { ImportSpecError } from "./import-spec-error.js";

/** One group of the plan's `approval` rule, as import writes it. */
export interface ImportedApprovalGroup {
  count: number;
  from?: string[];
}

/** The most approvals a group may ask (docs/plan-format.md#approval-rules). */
const MAX_COUNT = 20;

/**
 * The plan-level approval keys an import writes: `approvers: [...]` (one approval from any of
 * them) for `--approver` alone, or with `--approvals N` the rule form `approval: [{ count: N, from }]`
 * (N approvals from the people and `@org/team`s listed, or from anyone with the permission when none
 * is). Refused with a clear message, before anything is written: a login or team GitHub would not
 * accept, a count outside 1–20, or more approvals than the people listed can give (a team can give any number).
 */
export function importApproval(
  approvers: readonly string[] | undefined,
  count: number | undefined,
): { approvers?: string[]; approval?: ImportedApprovalGroup[] } {
  const bad = (approvers ?? []).find((a) => !APPROVER_PATTERN.test(a));
  if (bad !== undefined) throw new ImportSpecError(`approver "${bad}" is not a GitHub login or @org/team`);
  const from = [...new Set(approvers ?? [])];
  if (count === undefined) return from.length > 0 ? { approvers: from } : {};
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
    throw new ImportSpecError(`--approvals must be a whole number from 1 to ${MAX_COUNT}, not ${count}`);
  }
  const teams = from.some((a) => a.startsWith("@"));
  if (from.length > 0 && !teams && count > from.length) {
    throw new ImportSpecError(
      `--approvals ${count} asks more approvals than the ${from.length} approver(s) listed can give; list more people or an @org/team`,
    );
  }
  return { approval: [{ count, ...(from.length > 0 && { from }) }] };
}
