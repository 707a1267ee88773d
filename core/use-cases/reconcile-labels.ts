import type { TrackedLabel, TrackerOp } from "../projection/projection.js";

export type LabelWrite = Extract<TrackerOp, { kind: "create-label" | "update-label" }>;

/** The repository's labels against the ones the plan needs (projection/labels.ts computes those). */
export const reconcileLabels = {
  /** Pure: the writes that create each missing label and fix the colour or description of each changed one. */
  plan(wanted: readonly TrackedLabel[], actual: readonly TrackedLabel[]): LabelWrite[] {
    const after = actual.map((label) => ({ ...label }));
    const writes: LabelWrite[] = [];
    for (const label of wanted) {
      const found = find(after, label.name);
      let write: LabelWrite | undefined;
      if (!found) write = { kind: "create-label", label };
      else if (found.color.toLowerCase() !== label.color.toLowerCase() || found.description !== label.description)
        write = { kind: "update-label", name: found.name, label };
      if (!write) continue;
      writes.push(write);
      reconcileLabels.apply(write, after);
    }
    return writes;
  },

  /** Records a landed write in `actual`. */
  apply(write: LabelWrite, actual: TrackedLabel[]): void {
    if (write.kind === "create-label") actual.push({ ...write.label });
    else Object.assign(find(actual, write.name)!, write.label);
  },
};

/** GitHub's label names are case-insensitive. */
function find(labels: readonly TrackedLabel[], name: string): TrackedLabel | undefined {
  return labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
}
