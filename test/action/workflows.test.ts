import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { COMMANDS, INPUT_NAMES } from "../../action/inputs.js";

const DIR = resolve(import.meta.dirname, "../../docs/workflows/action-only");
type Step = { uses?: string; with?: Record<string, unknown> };
type Workflow = {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
};
const workflows = readdirSync(DIR)
  .filter((f) => f.endsWith(".yml"))
  .map((f) => [f, parse(readFileSync(join(DIR, f), "utf8")) as Workflow] as const);
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);

describe("the Action-only workflow set (docs/workflows/action-only)", () => {
  it("covers the life: plan push, comments, pushes and CI on the milestone branch, pull requests, the schedule", () => {
    const triggers = workflows.flatMap(([, w]) => Object.keys(w.on));
    expect(triggers).toEqual(
      expect.arrayContaining(["push", "issue_comment", "workflow_run", "pull_request_target", "schedule"]),
    );
    const commands = workflows.flatMap(([, w]) => steps(w).map((s) => s.with?.command));
    expect(commands).toEqual(expect.arrayContaining(["sync", "comment", "advance", "phase-check", "scan"]));
  });

  it.each(workflows)("%s: least permissions at the top, known commands and inputs only", (_, w) => {
    expect(w.permissions).toBeDefined();
    expect(Object.values(w.permissions!).every((p) => p === "read" || p === "write")).toBe(true);
    for (const step of steps(w).filter((s) => s.uses?.includes("phasegate"))) {
      expect(COMMANDS).toContain(step.with?.command);
      for (const input of Object.keys(step.with ?? {})) expect(INPUT_NAMES).toContain(input);
    }
  });

  it.each(workflows.filter(([, w]) => "issue_comment" in w.on || "pull_request_target" in w.on))(
    "%s: runs on untrusted input with a write token, so it never checks out code",
    (_, w) => {
      expect(steps(w).some((s) => s.uses?.startsWith("actions/checkout"))).toBe(false);
    },
  );
});
