import { auditMilestone, logPath } from "../../core/index.js";
import { emit, EXIT } from "../output.js";
import { milestoneCommand } from "./command.js";

/** `phasegate verify`: the hash chain, the remembered head, and an audit of every transition. */
export const verifyCommand = milestoneCommand({
  name: "verify",
  readOnly: true,
  usage: "phasegate verify <milestone> [--json]",
  summary:
    "Audit the event log: the hash chain, truncation, and every transition against the rules and the plan version it records (gates completed without a valid approval, approvals by non-approvers or by the task's author). Exits 1 when anything is found.",
  async run({ ctx, handle, io }) {
    const { findings, notes } = await auditMilestone(ctx, handle);
    const problem = handle.logProblem;
    const path = logPath(handle.plan.id);
    for (const note of notes) io.err(`phasegate: note: ${note}\n`);
    const lines = [
      problem
        ? `${path}: does not verify: ${problem.message} (the audit covers the ${handle.state.seq} lines before it)`
        : `${path}: ${handle.state.seq} events, the chain verifies`,
      ...findings.map((f) => `${path}:${f.message}`),
      findings.length === 0 ? "audit: every transition follows the rules" : `audit: ${findings.length} found`,
    ];
    const value = {
      milestone: handle.plan.id,
      events: handle.state.seq,
      verified: !problem && findings.length === 0,
      problem: problem ?? null,
      findings,
      notes,
    };
    emit(io, value, lines.join("\n") + "\n");
    return problem || findings.length > 0 ? EXIT.refused : EXIT.ok;
  },
});
