import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { COMMANDS, INPUT_NAMES } from "../../action/inputs.js";

const ROOT = resolve(import.meta.dirname, "../..");
const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as {
  runs: Record<string, string>;
  inputs: Record<string, { required?: boolean; default?: string; description: string }>;
  outputs: Record<string, { description: string }>;
  branding: Record<string, string>;
};

describe("action.yml", () => {
  it("runs the committed bundle on node24", () => {
    expect(action.runs).toEqual({ using: "node24", main: "dist/action/index.js" });
    expect(action.branding).toMatchObject({ icon: expect.any(String), color: expect.any(String) });
  });

  it("declares the inputs action/inputs.ts reads, and the outputs the commands set", () => {
    expect(Object.keys(action.inputs)).toEqual(INPUT_NAMES);
    expect(Object.keys(action.outputs)).toEqual([
      "ok",
      "status",
      "progress",
      "blockers",
      "complete",
      "writes",
      "conclusion",
      "task",
      "commit",
      "plan-file",
      "plan",
    ]);
    expect(action.inputs.command?.required).toBe(true);
    for (const command of COMMANDS) expect(action.inputs.command?.description).toContain(command);
  });

  it("gives defaults only to inputs every command reads (a default would look set, and be reported as ignored)", () => {
    const defaults = Object.entries(action.inputs).filter(([, input]) => input.default !== undefined);
    // The token is read by every command that reaches GitHub; it is never reported as ignored.
    expect(defaults).toEqual([
      ["token", expect.objectContaining({ default: "${{ github.token }}" })],
      ["working-directory", expect.objectContaining({ default: "." })],
    ]);
  });
});
