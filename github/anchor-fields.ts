import { anchorRef } from "./log-anchor.js";

/** A milestone's anchor as one query read it: the anchored commit and its log's blob (null: no log there). */
export interface AnchorRead {
  commit: string;
  log: { oid: string; size: number } | null;
}

type AnchoredTarget = { oid?: string; file?: { object?: { oid?: string; byteSize?: number } | null } | null };

/**
 * The query fields (aliased `a<k>r<i>`) that read the anchors of target `k`'s milestones: each ref's
 * commit, and the log's blob id and size in it (no text), declaring their variables (ADR 30).
 */
export function anchorFields(
  k: number,
  anchors: readonly { milestone: string; log: string }[],
  declared: string[],
  variables: Record<string, string>,
): string[] {
  return anchors.map(({ milestone, log }, i) => {
    declared.push(`$a${k}r${i}: String!`, `$a${k}p${i}: String!`);
    variables[`a${k}r${i}`] = `refs/${anchorRef(milestone)}`;
    variables[`a${k}p${i}`] = log;
    return `a${k}r${i}: ref(qualifiedName: $a${k}r${i}) { target { oid ... on Commit { file(path: $a${k}p${i}) { object { ... on Blob { oid byteSize } } } } } }`;
  });
}

/** What the fields of `anchorFields` answered, by milestone (undefined: no anchor). */
export function readAnchors(
  repository: Record<string, unknown> | null | undefined,
  k: number,
  anchors: readonly { milestone: string }[],
): Map<string, AnchorRead | undefined> {
  const found = new Map<string, AnchorRead | undefined>();
  anchors.forEach(({ milestone }, i) => {
    const target = (repository?.[`a${k}r${i}`] as { target?: AnchoredTarget } | null | undefined)?.target;
    const blob = target?.file?.object;
    const log = blob?.oid ? { oid: blob.oid, size: blob.byteSize ?? 0 } : null;
    found.set(milestone, target?.oid ? { commit: target.oid, log } : undefined);
  });
  return found;
}
