import type { PathSegment } from "./locate.js";

/** `["tasks", 2, "dependencies", 0]` → `tasks[2].dependencies[0]`; odd keys are quoted: `phases["my phase"]`. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) text += text === "" ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** The name a message uses for the node at `path`: its key with trailing indices, e.g. `dependencies[1]`. */
export function fieldName(path: readonly PathSegment[]): string {
  const lastKey = path.findLastIndex((segment) => typeof segment === "string");
  if (lastKey === -1) return path.length === 0 ? "the plan" : `\`${formatPath(path)}\``;
  return `\`${formatPath(path.slice(lastKey))}\``;
}
