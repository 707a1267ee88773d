import { describe, expect, it } from "vitest";
import { computeLabels, isManagedLabel, labelNames } from "../../../core/projection/labels.js";
import { makePlan, makeTask } from "../../helpers/make-plan.js";

const kiro = makePlan([makeTask("T1"), makeTask("T2")]);
const custom = makePlan([
  makeTask("T1"),
  makeTask("T2", [], {
    phases: [
      { id: "research", title: "Research", weight: 30, approvalRequired: false, deliverables: [], onChange: "keep" },
      {
        id: "build",
        title: "Build".repeat(40),
        weight: 70,
        approvalRequired: true,
        deliverables: [],
        onChange: "keep",
      },
    ],
  }),
]);

describe("computeLabels", () => {
  it("lists the managed label, one per phase, then the status labels", () => {
    expect(computeLabels(kiro).map((l) => l.name)).toEqual([
      "phasegate",
      "phase: design",
      "phase: spec",
      "phase: task",
      "phase: execute",
      "phasegate: ready",
      "phasegate: blocked",
      "phasegate: on hold",
      "phasegate: dashboard",
    ]);
  });

  it("gives custom workflows their own phase labels", () => {
    expect(computeLabels(custom).map((l) => l.name)).toContain("phase: research");
    expect(computeLabels(custom).map((l) => l.name)).toContain("phase: build");
  });

  it.each([
    ["kiro", kiro, {}],
    ["custom", custom, {}],
    ["renamed", custom, { prefix: "pg", phasePrefix: "stage/" }],
  ])("%s: names ≤ 50, descriptions ≤ 100, colours 6 hex, names unique", (_, plan, options) => {
    const labels = computeLabels(plan, options);
    for (const l of labels) {
      expect(l.name.length).toBeLessThanOrEqual(50);
      expect(l.description.length).toBeLessThanOrEqual(100);
      expect(l.color).toMatch(/^[0-9a-f]{6}$/);
    }
    expect(new Set(labels.map((l) => l.name)).size).toBe(labels.length);
  });

  it("applies renames and colours", () => {
    const labels = computeLabels(kiro, {
      prefix: "pg",
      phasePrefix: "stage/",
      colors: { blocked: "#FF0000" },
      phaseColors: { spec: "00ff00" },
    });
    expect(labels.find((l) => l.name === "pg: blocked")?.color).toBe("ff0000");
    expect(labels.find((l) => l.name === "stage/spec")?.color).toBe("00ff00");
  });

  it.each([
    ["a long prefix", { prefix: "x".repeat(45) }, /1–50 characters/],
    ["a bad colour", { colors: { ready: "green" } }, /6 hex digits/],
  ])("refuses %s", (_, options, message) => {
    expect(() => computeLabels(kiro, options)).toThrow(message);
  });
});

describe("isManagedLabel", () => {
  it.each([
    ["phasegate", {}, true],
    ["Phasegate: Blocked", {}, true],
    ["phase: design", {}, true],
    ["phase: removed-phase", {}, true],
    ["phase: 2", {}, false],
    ["phasegate: something else", {}, false],
    ["bug", {}, false],
    ["phase:design", {}, false],
    ["pg: on hold", { prefix: "pg" }, true],
    ["phasegate", { prefix: "pg" }, false],
  ])("isManagedLabel(%j, %j) = %s", (name, options, expected) => {
    expect(isManagedLabel(name, options)).toBe(expected);
  });

  it("owns every label computeLabels makes", () => {
    const options = { prefix: "pg", phasePrefix: "stage/" };
    for (const l of computeLabels(custom, options)) expect(isManagedLabel(l.name, options)).toBe(true);
    expect(labelNames(options).phase("x")).toBe("stage/x");
  });
});
