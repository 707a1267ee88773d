import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";

/** One step into the document: a mapping key or a list index. */
export type PathSegment = string | number;

export interface Position {
  line: number;
  column: number;
}

/**
 * `(path, at) → line:column`. `at: "key"` points at a mapping key (unknown keys, derived fields);
 * `"value"` at the value. A path that leaves the document stops at the deepest node that exists,
 * so a missing key is reported at the mapping that lacks it.
 */
export type Locator = (path: readonly PathSegment[], at?: "key" | "value") => Position;

export function createLocator(doc: Document, lineCounter: LineCounter): Locator {
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return (path, at = "value") => {
    let node: unknown = doc.contents;
    let offset = rangeStart(node) ?? 0;
    for (const [index, segment] of path.entries()) {
      if (isAlias(node)) node = node.resolve(doc);
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
        if (!pair) break;
        const keyOffset = rangeStart(pair.key) ?? offset;
        if (index === path.length - 1 && at === "key") return position(keyOffset);
        // `key:` with no value has no value node worth pointing at; the key is where to look.
        node = pair.value;
        offset = rangeStart(node) ?? keyOffset;
        if (node === null || node === undefined) break;
      } else if (isSeq(node) && typeof segment === "number" && segment < node.items.length) {
        node = node.items[segment];
        offset = rangeStart(node) ?? offset;
      } else {
        break;
      }
    }
    return position(offset);
  };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}
