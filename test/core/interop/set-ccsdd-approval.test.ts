import { describe, expect, it } from "vitest";
import { setCcsddApproval } from "../../../core/interop/set-ccsdd-approval.js";

const SPEC = `{
  "feature_name": "login",
  "phase": "tasks-generated",
  "approvals": {
    "requirements": { "generated": true, "approved": false },
    "design": {
      "generated": true,
      "approved": false
    },
    "tasks": { "generated": true, "approved": true }
  }
}
`;

describe("setCcsddApproval", () => {
  it.each([
    ["requirements", '"requirements": { "generated": true, "approved": true }'],
    ["design", '"generated": true,\n      "approved": true\n'],
  ] as const)("sets approvals.%s.approved, changing only that value", (stage, expected) => {
    const out = setCcsddApproval(SPEC, stage)!;
    expect(out).toContain(expected);
    expect(out.length).toBe(SPEC.length - 1); // "false" → "true": one byte fewer, nothing else moved
    const diff = [...SPEC].findIndex((c, i) => c !== out[i]);
    expect(SPEC.slice(diff, diff + 5)).toBe("false");
  });

  it.each([
    ["already approved", SPEC, "tasks"],
    ["no approvals", '{ "phase": "init" }', "design"],
    ["not JSON", "{ nope", "design"],
  ] as const)("changes nothing when %s", (_, text, stage) => {
    expect(setCcsddApproval(text, stage)).toBeUndefined();
  });
});
