import { describe, expect, it } from "vitest";
import { parsePlan } from "../../../core/plan/parse-plan.js";
import { parseRepositorySettings } from "../../../core/settings/parse-repository-settings.js";

const PLAN = (settings: string[], phases = "") =>
  [
    "version: 1",
    "id: m1",
    "title: One",
    ...(settings.length > 0 ? ["settings:", ...settings.map((s) => `  ${s}`)] : []),
    ...(phases ? [phases] : []),
    "tasks:",
    "  - id: T1",
    "    title: First",
    "",
  ].join("\n");

function merged(planSettings: string[], file: string | undefined) {
  const defaults = file === undefined ? undefined : parseRepositorySettings(file).settings;
  if (file !== undefined && !defaults) throw new Error(`bad settings fixture: ${file}`);
  const { plan, issues } = parsePlan(PLAN(planSettings), ".milestones/m1.yaml", { defaults });
  if (!plan) throw new Error(issues.map((i) => i.message).join("; "));
  const { allowSelfApproval, minApproverPermission, autoStart } = plan.settings;
  return { allowSelfApproval, minApproverPermission, autoStart, limit: plan.tasks[0]!.phases[0]!.timeLimitMs };
}

const BUILT_IN = { allowSelfApproval: false, minApproverPermission: "write", autoStart: true, limit: undefined };
const FILE_ALL =
  "allow_self_approval: true\nmin_approver_permission: admin\nauto_start: false\ntime_limits: { design: 2d }\n";
const DAY = 86_400_000;

describe("plan settings merged with .github/phasegate.yml", () => {
  it.each([
    ["no file, plan unset: built-in defaults", [], undefined, BUILT_IN],
    ["empty file, plan unset: built-in defaults", [], "", BUILT_IN],
    ["file with other keys only: built-in defaults", [], "labels: { prefix: pg }\n", BUILT_IN],
    [
      "plan unset: the file's values",
      [],
      FILE_ALL,
      { allowSelfApproval: true, minApproverPermission: "admin", autoStart: false, limit: 2 * DAY },
    ],
    [
      "plan sets every key: the plan wins over the file",
      ["allow_self_approval: false", "min_approver_permission: triage", "auto_start: true"],
      FILE_ALL,
      { allowSelfApproval: false, minApproverPermission: "triage", autoStart: true, limit: 2 * DAY },
    ],
    [
      "plan sets one key: that one from the plan, the others from the file",
      ["min_approver_permission: read"],
      FILE_ALL,
      { allowSelfApproval: true, minApproverPermission: "read", autoStart: false, limit: 2 * DAY },
    ],
    [
      "plan sets the built-in value explicitly: it still wins",
      ["allow_self_approval: false", "auto_start: true", "min_approver_permission: write"],
      FILE_ALL,
      { allowSelfApproval: false, minApproverPermission: "write", autoStart: true, limit: 2 * DAY },
    ],
    [
      "file sets one key: the rest fall to built-in defaults",
      [],
      "auto_start: false\n",
      { ...BUILT_IN, autoStart: false },
    ],
    [
      "plan's other settings leave these unset",
      ["claim_ttl: 2h"],
      "allow_self_approval: true\n",
      { ...BUILT_IN, allowSelfApproval: true },
    ],
  ] as const)("%s", (_, plan, file, expected) => {
    expect(merged([...plan], file)).toEqual(expected);
  });

  it("a phase's own time limit wins over the file's; phases the file does not name keep none", () => {
    const defaults = parseRepositorySettings("time_limits: { design: 2d, spec: 1d, nosuch: 1h }\n").settings;
    const text = PLAN([]).replace(
      "    title: First\n",
      "    title: First\n    kiro_workflow:\n      phases:\n        design: { time_limit: 5h }\n",
    );
    const { plan, issues } = parsePlan(text, ".milestones/m1.yaml", { defaults });
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(Object.fromEntries(plan!.tasks[0]!.phases.map((p) => [p.id, p.timeLimitMs]))).toEqual({
      design: 5 * 3_600_000,
      spec: DAY,
      task: undefined,
      execute: undefined,
    });
  });
});

describe(".github/phasegate.yml problems at file:line:column", () => {
  it.each([
    ["an unknown key", "labels:\n  prefix: pg\nallow_self_aproval: true\n", 3, "unknown-key", /allow_self_approval/],
    ["a wrong type", "auto_start: yes\n", 1, "wrong-type", /auto_start/],
    ["a bad permission", "min_approver_permission: owner\n", 1, "invalid-value", /min_approver_permission/],
    ["a colour as a number", "labels:\n  colors:\n    ready: 123456\n", 3, "wrong-type", /quotes/],
    ["a colour that is not hex", "labels:\n  colors:\n    ready: green\n", 3, "invalid-format", /colour|hex/],
    ["a bad duration", "time_limits:\n  design: soon\n", 2, "invalid-format", /duration|number and a unit/],
    ["a too long prefix", `labels: { prefix: ${"x".repeat(31)} }\n`, 1, "too-long", /prefix/],
    ["not a mapping", "- a\n- b\n", 1, "not-a-mapping", /mapping/],
    ["broken YAML", "labels: [\n", 2, "yaml-syntax", /./],
  ] as const)("%s", (_, text, line, code, words) => {
    const { settings, issues } = parseRepositorySettings(text);
    expect(settings).toBeUndefined();
    const error = issues.find((i) => i.severity === "error");
    expect(error).toMatchObject({ file: ".github/phasegate.yml", line, code });
    expect(`${error!.message} ${error!.hint ?? ""}`).toMatch(words);
  });

  it("reads every documented key", () => {
    const { settings, issues } = parseRepositorySettings(
      [
        "min_approver_permission: maintain",
        "allow_self_approval: true",
        "auto_start: false",
        "labels:",
        "  prefix: pg",
        '  phase_prefix: "stage/"',
        "  colors: { managed: '#5319E7', on_hold: 'fbca04' }",
        "  phase_colors: { design: 'c5def5' }",
        "time_limits: { design: 5d, execute: 3w }",
      ].join("\n"),
    );
    expect(issues).toEqual([]);
    expect(settings).toEqual({
      minApproverPermission: "maintain",
      allowSelfApproval: true,
      autoStart: false,
      labels: {
        prefix: "pg",
        phasePrefix: "stage/",
        colors: { managed: "#5319E7", onHold: "fbca04" },
        phaseColors: { design: "c5def5" },
      },
      timeLimitsMs: { design: 5 * DAY, execute: 21 * DAY },
    });
  });
});
