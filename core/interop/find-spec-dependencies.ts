/** A dependency of one spec folder on another, with the line that says so. */
export interface SpecDependency {
  spec: string;
  dependsOn: string;
  file: string;
  line: number;
}

/** `**Depends On**: …`, `Dependencies:`, `- Prerequisites:`, `_Depends:_`: a label with a colon. */
const LABEL =
  /^\s*(?:[-*+]\s+)?[*_]{0,2}(?:depends\s+on|dependencies|prerequisites?|requires|builds\s+on)[*_]{0,2}\s*[:：]\s*[*_]{0,2}\s*(.*)$/i;
const DOCUMENTS = ["requirements.md", "spec.md", "design.md"];

/**
 * What a spec says it depends on, kept simple: a dependency label in requirements.md, spec.md or design.md
 * whose value (or the bullets right under it) names another spec folder of the same root, by its folder
 * name (`001-modular-graph-engine`) or, for numbered folders, as `Spec 2` (`2-warband-list-navigation`).
 * Code fences are skipped; a spec never depends on itself.
 */
export function findSpecDependencies(
  specs: ReadonlyArray<{ name: string; files: Readonly<Record<string, string>> }>,
): SpecDependency[] {
  const names = specs.map((s) => s.name);
  const numbered = new Map<string, string>();
  for (const name of names) {
    const number = /^0*(\d+)[-_.]/.exec(name)?.[1];
    if (number !== undefined) numbered.set(number, numbered.has(number) ? "" : name); // "" = ambiguous
  }
  const out: SpecDependency[] = [];
  for (const spec of specs) {
    const seen = new Set<string>();
    for (const file of DOCUMENTS) {
      const text = spec.files[file];
      if (text === undefined) continue;
      for (const { text: value, line } of labelledLines(text)) {
        for (const target of mentioned(value, names, numbered)) {
          if (target === spec.name || seen.has(target)) continue;
          seen.add(target);
          out.push({ spec: spec.name, dependsOn: target, file, line });
        }
      }
    }
  }
  return out;
}

/** The value of each dependency label and of the list items right under a label with no value. */
function labelledLines(text: string): { text: string; line: number }[] {
  const lines = text.split(/\r?\n/);
  const out: { text: string; line: number }[] = [];
  let fence = false;
  let listing = false;
  lines.forEach((raw, index) => {
    if (/^\s*(```|~~~)/.test(raw)) fence = !fence;
    if (fence) return;
    const label = LABEL.exec(raw);
    if (label) {
      const value = label[1]!.trim();
      listing = value === "";
      if (value !== "") out.push({ text: value, line: index + 1 });
      return;
    }
    if (listing && /^\s*[-*+]\s+\S/.test(raw)) out.push({ text: raw, line: index + 1 });
    else if (raw.trim() !== "") listing = false;
  });
  return out;
}

function mentioned(value: string, names: string[], numbered: ReadonlyMap<string, string>): string[] {
  const lower = value.toLowerCase();
  const found = names.filter((name) => {
    const at = lower.indexOf(name.toLowerCase());
    if (at < 0) return false;
    const before = lower[at - 1] ?? " ";
    const after = lower[at + name.length] ?? " ";
    return !/[a-z0-9_-]/.test(before) && !/[a-z0-9_-]/.test(after);
  });
  for (const match of value.matchAll(/\bspec\s+#?0*(\d+)\b/gi)) {
    const name = numbered.get(match[1]!);
    if (name) found.push(name);
  }
  return [...new Set(found)];
}
