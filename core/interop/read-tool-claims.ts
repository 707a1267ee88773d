import { isRecord } from "../plan/is-record.js";

/** What a spec tool says about a spec, read from its own files; never a Phasegate approval. */
export interface ToolClaims {
  /** cc-sdd's `spec.json`: `phase` and, per document, `generated` / `approved`. */
  ccSdd?: { phase?: string; approvals: { document: string; generated: boolean; approved: boolean }[] };
  /** Kiro's `.config.kiro`: the spec id and workflow descriptor. */
  kiro?: { specId?: string; workflowType?: string; specType?: string };
  /** Files that were present but could not be read (not JSON). */
  unreadable: string[];
}

const DOCUMENTS = ["requirements", "design", "tasks"] as const;

/** cc-sdd's `spec.json` and Kiro's `.config.kiro` (both JSON), as they stand; absent or unreadable parts are left out. */
export function readToolClaims(files: Readonly<Record<string, string>>): ToolClaims {
  const claims: ToolClaims = { unreadable: [] };
  const specJson = parseJson(files["spec.json"]);
  if (files["spec.json"] !== undefined && !specJson) claims.unreadable.push("spec.json");
  if (specJson) {
    const approvals = isRecord(specJson.approvals) ? specJson.approvals : {};
    claims.ccSdd = {
      ...(typeof specJson.phase === "string" && { phase: specJson.phase }),
      approvals: DOCUMENTS.flatMap((document) => {
        const entry = approvals[document];
        return isRecord(entry)
          ? [{ document, generated: entry.generated === true, approved: entry.approved === true }]
          : [];
      }),
    };
  }
  const config = parseJson(files[".config.kiro"]);
  if (files[".config.kiro"] !== undefined && !config) claims.unreadable.push(".config.kiro");
  if (config) {
    const text = (key: string) => (typeof config[key] === "string" ? (config[key] as string) : undefined);
    const specId = text("specId") ?? text("id");
    claims.kiro = {
      ...(specId !== undefined && { specId }),
      ...(text("workflowType") !== undefined && { workflowType: text("workflowType") }),
      ...(text("specType") !== undefined && { specType: text("specType") }),
    };
  }
  return claims;
}

/**
 * The claims as description lines: `cc-sdd says: phase tasks-generated; requirements approved, design
 * generated, tasks not generated (spec.json)`, `Kiro says: spec id 4f1c…, requirements-first feature (.config.kiro)`.
 */
export function renderToolClaims(claims: ToolClaims): string[] {
  const lines: string[] = [];
  if (claims.ccSdd) {
    const states = claims.ccSdd.approvals.map(
      (a) => `${a.document} ${a.approved ? "approved" : a.generated ? "generated" : "not generated"}`,
    );
    const parts = [
      ...(claims.ccSdd.phase ? [`phase ${claims.ccSdd.phase}`] : []),
      ...(states.length ? [states.join(", ")] : []),
    ];
    if (parts.length > 0) lines.push(`cc-sdd says: ${parts.join("; ")} (spec.json; not a Phasegate approval)`);
  }
  if (claims.kiro) {
    const kind = [claims.kiro.workflowType, claims.kiro.specType].filter(Boolean).join(" ");
    const parts = [...(claims.kiro.specId ? [`spec id ${claims.kiro.specId}`] : []), ...(kind ? [kind] : [])];
    if (parts.length > 0) lines.push(`Kiro says: ${parts.join(", ")} (.config.kiro)`);
  }
  return lines;
}

function parseJson(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
