/**
 * The cycles a depth-first search meets (at least one wherever nodes depend on each other in a
 * circle), each once, as a path that starts and ends at the node listed first: `["T1", "T3", "T1"]`.
 * Edges to unknown nodes and self-loops are ignored (validation reports those on their own).
 */
export function findCycles(nodes: readonly string[], edges: (node: string) => readonly string[]): string[][] {
  const order = new Map(nodes.map((node, index) => [node, index]));
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const seen = new Set<string>();

  // Iterative DFS: a long dependency chain must not overflow the call stack.
  for (const start of nodes) {
    if (state.has(start)) continue;
    const frames: Array<{ node: string; next: number }> = [{ node: start, next: 0 }];
    state.set(start, "open");
    stack.push(start);
    while (frames.length > 0) {
      const frame = frames.at(-1)!;
      const targets = edges(frame.node).filter((t) => order.has(t) && t !== frame.node);
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (state.get(target) === "open") record(stack.slice(stack.indexOf(target)));
        else if (!state.has(target)) {
          state.set(target, "open");
          stack.push(target);
          frames.push({ node: target, next: 0 });
        }
      } else {
        state.set(frame.node, "done");
        stack.pop();
        frames.pop();
      }
    }
  }
  return cycles;

  function record(loop: string[]): void {
    const first = loop.reduce((a, b) => (order.get(a)! <= order.get(b)! ? a : b));
    const at = loop.indexOf(first);
    const rotated = [...loop.slice(at), ...loop.slice(0, at)];
    const key = rotated.join("\u0000");
    if (seen.has(key)) return;
    seen.add(key);
    cycles.push([...rotated, first]);
  }
}
