import type { GateVerdict, RequirementVerdict } from "./evaluate-gate.js";

/**
 * A gate in one line: the rule and where it was set, then each requirement with the approvals that
 * count and who can give the ones missing. Teams and people are named with `@`; text bound for GitHub
 * goes through defuseMarkdown, so naming them notifies nobody.
 */
export function explainGate(verdict: GateVerdict, stale: readonly string[] = []): string {
  const where = verdict.source === "default" ? "" : ` (${verdict.source})`;
  const head = `${verdict.passed ? "approved" : "needs"} ${verdict.rule}${where}`;
  // A rule of one requirement is not said twice: "needs 1 of alice: none yet, …".
  const single = verdict.requirements.length === 1 && verdict.requirements[0]!.label === verdict.rule;
  const parts = verdict.requirements.map((r) => explainRequirement(r, single));
  const outdated = stale.length > 0 ? `; no longer counting (deliverables changed since): ${stale.join(", ")}` : "";
  return `${head}: ${parts.join("; ")}${outdated}`;
}

function explainRequirement(r: RequirementVerdict, bare: boolean): string {
  const have = r.counted.length > 0 ? `${r.counted.join(", ")} ✓` : "none yet";
  const notes = r.notes.length > 0 ? ` (not counted: ${r.notes.join("; ")})` : "";
  const label = bare ? "" : `${r.label}: `;
  if (r.missing === 0) return `${label}${have}${notes}`;
  const who = r.anyone ? "any collaborator" : r.whoCan.map(mention).join(", ") || "nobody can yet";
  return `${label}${have}, ${r.missing} more from ${who}${notes}`;
}

/** Logins and teams as GitHub writes them. */
function mention(name: string): string {
  return name.startsWith("@") ? name : `@${name}`;
}
