import {
  inferDependencies,
  parseRequirements,
  parseTaskList,
  type Flavour,
  type TaskList,
} from "../../../core/interop/index.js";
import { findPlaceholders } from "../../../core/workflow/markdown-placeholders.js";
import { markdownFiles, requirementsFiles, taskListFiles } from "./corpus.js";

/**
 * The corpus figures pasted into docs/interop.md, computed from the parser's own output. Regenerate with
 * `UPDATE_INTEROP_DOCS=1 npx vitest run --config vitest.corpus.config.ts test/core/interop/interop-figures.corpus.test.ts`.
 */
interface Tally {
  files: number;
  tasks: number;
  heading: number;
  synthetic: number;
  skip: number;
  idless: number;
  criteria: number;
  loose: number;
  states: Record<string, number>;
  optional: number;
  parallel: number;
  story: number;
  deps: number;
  inferred: number;
  reqRefs: number;
  warnings: Record<"error" | "warning" | "info", number>;
}

const FLAVOURS: Flavour[] = ["kiro", "cc-sdd", "spec-workflow", "spec-kit", "generic"];
const STATE_ORDER = [" ", "x", "X", "-", "~"];

function empty(): Tally {
  return {
    files: 0,
    tasks: 0,
    heading: 0,
    synthetic: 0,
    skip: 0,
    idless: 0,
    criteria: 0,
    loose: 0,
    states: {},
    optional: 0,
    parallel: 0,
    story: 0,
    deps: 0,
    inferred: 0,
    reqRefs: 0,
    warnings: { error: 0, warning: 0, info: 0 },
  };
}

function add(t: Tally, list: TaskList): void {
  t.files++;
  const bump = (raw: string) => (t.states[raw] = (t.states[raw] ?? 0) + 1);
  for (const item of list.items) {
    t.tasks++;
    if (item.kind === "heading") t.heading++;
    if (item.kind === "synthetic") t.synthetic++;
    if (item.kind === "skip") t.skip++;
    if (!item.idWritten) t.idless++;
    if (item.stateLine !== undefined) bump(item.rawState);
    if (item.optional) t.optional++;
    if (item.parallel) t.parallel++;
    if (item.story) t.story++;
    t.deps += item.dependencies.length;
    t.reqRefs += item.requirements.length;
    t.criteria += item.criteria.length;
    item.criteria.forEach((c) => bump(c.rawState));
  }
  t.loose += list.criteria.length;
  list.criteria.forEach((c) => bump(c.rawState));
  t.inferred += inferDependencies(list).length;
  for (const w of list.warnings) t.warnings[w.severity]++;
}

export function computeFigures(): string {
  const tallies = new Map(FLAVOURS.map((f) => [f, empty()]));
  for (const file of taskListFiles()) {
    const list = parseTaskList(file.text, { path: file.rel, siblings: file.siblings });
    const t = tallies.get(list.flavour);
    if (t) add(t, list);
  }
  const total = empty();
  const rows: [string, (t: Tally) => string][] = [
    ["files read", (t) => `${t.files}`],
    ["task items", (t) => `${t.tasks}`],
    ["… heading tasks / synthetic parents / skip records", (t) => `${t.heading} / ${t.synthetic} / ${t.skip}`],
    ["… with a made-up id (`<group>#<n>`)", (t) => `${t.idless}`],
    ["criteria under a task / loose", (t) => `${t.criteria} / ${t.loose}`],
    ["boxes by state `[ ]` `[x]` `[X]` `[-]` `[~]`", (t) => STATE_ORDER.map((s) => t.states[s] ?? 0).join(" / ")],
    ["optional / parallel / with a story label", (t) => `${t.optional} / ${t.parallel} / ${t.story}`],
    ["explicit dependency edges / inferred (Spec Kit)", (t) => `${t.deps} / ${t.inferred}`],
    ["requirement references", (t) => `${t.reqRefs}`],
    ["warnings error / warning / info", (t) => `${t.warnings.error} / ${t.warnings.warning} / ${t.warnings.info}`],
  ];
  for (const t of tallies.values()) mergeInto(total, t);
  const head = `| | ${FLAVOURS.join(" | ")} | all |\n|---|${FLAVOURS.map(() => "---:").join("|")}|---:|`;
  const body = rows.map(
    ([name, cell]) =>
      `| ${name} | ${FLAVOURS.map((f) => cell(tallies.get(f) ?? empty())).join(" | ")} | ${cell(total)} |`,
  );
  return [head, ...body, "", requirementsFigures(), "", placeholderFigures()].join("\n");
}

function mergeInto(total: Tally, t: Tally): void {
  for (const key of [
    "files",
    "tasks",
    "heading",
    "synthetic",
    "skip",
    "idless",
    "criteria",
    "loose",
    "optional",
    "parallel",
    "story",
    "deps",
    "inferred",
    "reqRefs",
  ] as const)
    total[key] += t[key];
  for (const [s, n] of Object.entries(t.states)) total.states[s] = (total.states[s] ?? 0) + n;
  for (const s of ["error", "warning", "info"] as const) total.warnings[s] += t.warnings[s];
}

function requirementsFigures(): string {
  const files = requirementsFiles();
  let reqs = 0;
  let criteria = 0;
  let withoutCriteria = 0;
  const none: string[] = [];
  for (const f of files) {
    const doc = parseRequirements(f.text);
    reqs += doc.requirements.length;
    criteria += doc.requirements.reduce((n, r) => n + r.criteria.length, 0);
    withoutCriteria += doc.requirements.filter((r) => r.criteria.length === 0).length;
    if (doc.requirements.length === 0) none.push(f.rel);
  }
  return `requirements.md: ${files.length} files, ${reqs} requirements, ${criteria} acceptance criteria, ${withoutCriteria} requirements without criteria; files with no numbered requirement: ${none.map((n) => `\`${n}\``).join(", ") || "none"}.`;
}

function placeholderFigures(): string {
  let files = 0;
  let hits = 0;
  const byText = new Map<string, number>();
  for (const f of markdownFiles()) {
    if (/templates\/|constitution\.md$/.test(f.rel)) continue;
    files++;
    for (const h of findPlaceholders(f.text)) {
      hits++;
      const key = h.text.startsWith("[e.g.")
        ? "[e.g., …]"
        : h.text.startsWith("[NEEDS CLARIFICATION")
          ? "[NEEDS CLARIFICATION…]"
          : h.text;
      byText.set(key, (byText.get(key) ?? 0) + 1);
    }
  }
  const top = [...byText].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => `\`${k}\` ${n}`);
  return `placeholders in ${files} finished specs (templates and constitutions left out): ${hits} hits: ${top.join(", ")}.`;
}
