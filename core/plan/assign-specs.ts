import { slugify } from "./slugify.js";

export interface SpecAssignment {
  /** The spec folder of each task, in task order. */
  specs: string[];
  /** Tasks that name the same spec explicitly: `[earlier, later]` indexes. */
  shared: Array<[number, number]>;
}

/**
 * Each task's `.kiro/specs/<spec>/` folder: the explicit `spec`, else the slug of the title, else
 * the lowercased id. A default that collides with an earlier task's folder gets `-<id>` appended,
 * so two tasks never share deliverables by accident; explicit sharing is reported by the caller.
 */
export function assignSpecs(
  tasks: ReadonlyArray<{ id: string; title: string; spec?: string | undefined }>,
): SpecAssignment {
  const specs: string[] = [];
  const shared: Array<[number, number]> = [];
  const owner = new Map<string, number>();
  tasks.forEach((task, index) => {
    let spec = task.spec;
    if (spec === undefined) {
      spec = slugify(task.title) || task.id.toLowerCase();
      if (owner.has(spec)) spec = `${spec}-${task.id.toLowerCase()}`;
    } else if (owner.has(spec)) {
      shared.push([owner.get(spec)!, index]);
    }
    if (!owner.has(spec)) owner.set(spec, index);
    specs.push(spec);
  });
  return { specs, shared };
}
