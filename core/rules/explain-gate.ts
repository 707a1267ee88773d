import type { GateVerdict, RequirementVerdict } from "./evaluate-gate.js";

/**
 * A gate in one line: the rule and where it was set, then each requirement with the approvals that
 * count and who can give the ones missing. Teams and people are named with `@`; text bound for GitHub
 * goes through defuseMarkdown, so naming them notifies nobody.
 */
export function explainGate(verdict: GateVerdict, stale: readonly string[] = []): string {
  const where = verdict.source === "default" ? "" : ` (${verdict.source})`;
  const head = `${verdict.passed ? "approved" : "needs"} ${verdict.rule}${where}`;
  const parts = verdict.requirements.map(explainRequirement);
  const outdated = stale.length > 0 ? `; no longer counting (deliverables changed since): ${stale.join(", ")}` : "";
  return `${head}: ${parts.join("; ")}${outdated}`;
}

function explainRequirement(r: RequirementVerdict): string {
  const have = r.counted.length > 0 ? `${r.counted.join(", ")} ✓` : "none yet";
  const notes = r.notes.length > 0 ? ` (not counted: ${r.notes.join("; ")})` : "";
  if (r.missing === 0) return `${r.label}: ${have}${notes}`;
  const who = r.anyone ? "any collaborator" : r.whoCan.map(mention).join(", ") || "nobody can yet";
  return `${r.label}: ${have}, ${r.missing} more from ${who}${notes}`;
}

/** Logins and teams as GitHub writes them. */
function mention(name: string): string {
  return name.startsWith("@") ? name : `@${name}`;
}
