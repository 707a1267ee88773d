import { describe, expect, it } from "vitest";
import { KIRO_PHASES } from "../../../core/plan/plan.js";
import { KIRO_PRESET, WORKFLOW_PRESETS, findPreset } from "../../../core/plan/presets.js";
import { fillPlaceholders, resolvePhases } from "../../../core/plan/resolve-phases.js";

const context = { spec: "token-service", task: "T1", milestone: "auth-v2" };

describe("workflow presets", () => {
  it.each(WORKFLOW_PRESETS.map((preset) => [preset.id, preset] as const))(
    "%s: weights are positive and sum to 100",
    (_id, preset) => {
      expect(preset.phases.every((phase) => Number.isInteger(phase.weight) && phase.weight > 0)).toBe(true);
      expect(preset.phases.reduce((sum, phase) => sum + phase.weight, 0)).toBe(100);
    },
  );

  it("kiro follows the original protocol's phases, weights and gates", () => {
    expect(KIRO_PRESET.phases.map((p) => [p.id, p.weight, p.approvalRequired])).toEqual([
      ["design", 15, true],
      ["spec", 25, true],
      ["task", 20, false],
      ["execute", 40, true],
    ]);
    expect(KIRO_PRESET.phases.map((p) => p.id)).toEqual([...KIRO_PHASES]);
    expect(findPreset("kiro")).toBe(KIRO_PRESET);
    expect(findPreset("nope")).toBeUndefined();
  });

  it("kiro's deliverables follow Kiro's spec layout", () => {
    const phases = resolvePhases(KIRO_PRESET.phases, {}, context);
    expect(phases.map((p) => p.deliverables.map((d) => (d.kind === "file" ? d.path : d.signal)))).toEqual([
      [".kiro/specs/token-service/design.md"],
      [".kiro/specs/token-service/requirements.md"],
      [".kiro/specs/token-service/tasks.md"],
      [".kiro/specs/token-service/tasks.md", "ci_green"],
    ]);
    const checks = phases.map((p) => (p.deliverables[0]!.kind === "file" ? p.deliverables[0]!.checks : undefined));
    expect(checks.map((c) => [c!.requirements, c!.hasChecklist, c!.checklistComplete])).toEqual([
      [false, false, false],
      [true, false, false],
      [false, true, false],
      [false, false, true],
    ]);
  });
});

describe("resolvePhases", () => {
  it("merges an override onto the preset; a deliverables list replaces the preset's", () => {
    const phases = resolvePhases(
      KIRO_PRESET.phases,
      {
        design: {
          approvalRequired: false,
          timeLimitMs: 60_000,
          deliverables: [{ kind: "signal", signal: "pr_merged" }],
        },
        execute: { weight: 40, onChange: "keep" },
        nonsense: { weight: 99 },
      },
      context,
    );
    expect(phases[0]).toMatchObject({
      approvalRequired: false,
      timeLimitMs: 60_000,
      deliverables: [{ kind: "signal", signal: "pr_merged" }],
      weight: 15,
    });
    expect(phases[3]).toMatchObject({ onChange: "keep", approvalRequired: true });
    expect(phases).toHaveLength(4);
  });

  it("never shares objects with the preset", () => {
    const phases = resolvePhases(KIRO_PRESET.phases, {}, context);
    const file = phases[0]!.deliverables[0]!;
    if (file.kind === "file") file.checks.headings.push("mutated");
    const original = KIRO_PRESET.phases[0]!.deliverables[0]!;
    expect(original.kind === "file" && original.checks.headings).toEqual([]);
  });

  it.each([
    ["docs/{spec}/{task}.md", "docs/token-service/T1.md"],
    ["{milestone}/{milestone}.md", "auth-v2/auth-v2.md"],
    ["plain.md", "plain.md"],
  ])("fills %s", (template, path) => expect(fillPlaceholders(template, context)).toBe(path));
});
