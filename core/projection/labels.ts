import type { TrackedLabel } from "./projection.js";
import type { Plan } from "../plan/plan.js";
import { GITHUB_LABEL_MAX, PHASE_ID_PATTERN } from "../plan/plan-patterns.js";
import { LABEL_PREFIX, PHASE_LABEL_PREFIX } from "./markers.js";

/** The labels Phasegate manages, by role. `phase` stands for every `phase: <id>` label. */
export type LabelRole = "managed" | "phase" | "ready" | "blocked" | "onHold" | "dashboard";

/** A repository's renames and colours (from a later `.github/phasegate.yml`). Colours are 6 hex digits. */
export interface LabelOptions {
  /** Stem of the managed label and the status labels. Default `phasegate`. */
  prefix?: string;
  /** Put before a phase id. Default `phase: `. */
  phasePrefix?: string;
  colors?: Partial<Record<LabelRole, string>>;
  /** Colour per phase id, over `colors.phase` and the defaults. */
  phaseColors?: Record<string, string>;
}

/** Label names under the options: what a task issue carries and the sync compares. */
export interface LabelNames {
  managed: string;
  ready: string;
  blocked: string;
  onHold: string;
  dashboard: string;
  phase: (id: string) => string;
}

/** https://docs.github.com/en/rest/issues/labels: 100 characters of description. */
const DESCRIPTION_MAX = 100;
const COLORS: Record<Exclude<LabelRole, "phase">, string> = {
  managed: "5319e7",
  ready: "0e8a16",
  blocked: "b60205",
  onHold: "fbca04",
  dashboard: "1d76db",
};
/** The kiro phases get fixed colours; custom phases take one from the palette by their id. */
const PHASE_COLORS: Record<string, string> = { design: "c5def5", spec: "bfdadc", task: "d4c5f9", execute: "fef2c0" };
const PALETTE = ["f9d0c4", "c2e0c6", "e99695", "bfd4f2", "fad8c7", "d4c5f9", "f7c6c7", "c5def5"];
const HEX = /^[0-9a-f]{6}$/;

/** The names of the managed labels under `options`. */
export function labelNames(options: LabelOptions = {}): LabelNames {
  const prefix = options.prefix ?? LABEL_PREFIX;
  const phasePrefix = options.phasePrefix ?? PHASE_LABEL_PREFIX;
  return {
    managed: prefix,
    ready: `${prefix}: ready`,
    blocked: `${prefix}: blocked`,
    onHold: `${prefix}: on hold`,
    dashboard: `${prefix}: dashboard`,
    phase: (id) => `${phasePrefix}${id}`,
  };
}

/** The colour of phase `id`'s label and of its nodes in the dashboard's graph. */
export function phaseColor(id: string, options: LabelOptions = {}): string {
  const color =
    options.phaseColors?.[id] ?? options.colors?.phase ?? PHASE_COLORS[id] ?? PALETTE[hash(id) % PALETTE.length]!;
  return checkColor(color, `phase ${id}`);
}

/**
 * Every label the plan's issues may carry, in a stable order: the managed label, one per phase of
 * the plan's workflows (custom phases get their own), then the status labels. Throws a RangeError
 * when options make a name longer than GitHub's 50 characters or a colour is not 6 hex digits.
 */
export function computeLabels(plan: Plan, options: LabelOptions = {}): TrackedLabel[] {
  const names = labelNames(options);
  const colors = { ...COLORS, ...options.colors };
  const phases = new Map<string, string>();
  for (const task of plan.tasks) for (const p of task.phases) if (!phases.has(p.id)) phases.set(p.id, p.title);
  const labels: TrackedLabel[] = [
    label(names.managed, colors.managed, "Managed by Phasegate: a milestone task or dashboard"),
    ...[...phases].map(([id, title]) =>
      label(names.phase(id), phaseColor(id, options), `Phasegate: the task is in its ${title || id} phase`),
    ),
    label(names.ready, colors.ready, "Phasegate: every dependency is completed; the task can start"),
    label(names.blocked, colors.blocked, "Phasegate: a blocker names this task"),
    label(names.onHold, colors.onHold, "Phasegate: held with /hold; /unhold lets it move again"),
    label(names.dashboard, colors.dashboard, "Phasegate: the milestone's live dashboard"),
  ];
  return labels;
}

/**
 * Whether the sync owns label `name`: the managed and status labels, and `phase: <id>` for any
 * well-formed phase id (so a phase dropped from the plan still loses its label). GitHub compares
 * label names case-insensitively, so do we. Every other label is the user's and never touched.
 */
export function isManagedLabel(name: string, options: LabelOptions = {}): boolean {
  const names = labelNames(options);
  const lower = name.toLowerCase();
  const fixed = [names.managed, names.ready, names.blocked, names.onHold, names.dashboard];
  if (fixed.some((n) => n.toLowerCase() === lower)) return true;
  const phasePrefix = names.phase("").toLowerCase();
  return lower.startsWith(phasePrefix) && PHASE_ID_PATTERN.test(lower.slice(phasePrefix.length));
}

function label(name: string, color: string, description: string): TrackedLabel {
  if (name.length > GITHUB_LABEL_MAX || name.trim() === "")
    throw new RangeError(`label "${name}" must have 1–${GITHUB_LABEL_MAX} characters`);
  const cut = description.length > DESCRIPTION_MAX ? description.slice(0, DESCRIPTION_MAX - 1) + "…" : description;
  return { name, color: checkColor(color, name), description: cut };
}

function checkColor(color: string, what: string): string {
  const c = color.replace(/^#/, "").toLowerCase();
  if (!HEX.test(c)) throw new RangeError(`colour of ${what} must be 6 hex digits, got "${color}"`);
  return c;
}

function hash(text: string): number {
  let h = 0;
  for (const c of text) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}
