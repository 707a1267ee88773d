/** Every error of a plan in one run, sorted by position: cross-field errors do not wait for format errors. */
import { describe, expect, it } from "vitest";
import { parsePlan } from "../../../core/index.js";

const lines = (text: string) => parsePlan(text, ".milestones/m1.yaml").issues.filter((i) => i.severity === "error");

describe("validation in one round", () => {
  it.each([
    [
      "a format error and a mismatched id",
      ["version: 1", "id: m2", "title: 5", "tasks:", "  - id: T1", "    title: One", "    spec: one"],
      ["id-file-mismatch@2", "wrong-type@3"],
    ],
    [
      "an unknown key, an unknown dependency and a duplicate id",
      [
        "version: 1",
        "id: m1",
        "title: M",
        "tasks:",
        "  - id: T1",
        "    title: One",
        "    spec: one",
        "    colour: red",
        "  - id: T1",
        "    title: Two",
        "    spec: two",
        "    dependencies: [T9]",
      ],
      ["unknown-key@8", "duplicate-id@9", "unknown-dependency@12"],
    ],
    [
      "a task without a title among tasks that depend on each other in a circle",
      [
        "version: 1",
        "id: m1",
        "title: M",
        "tasks:",
        "  - id: A",
        "    spec: a",
        "    dependencies: [B]",
        "  - id: B",
        "    title: B",
        "    spec: b",
        "    dependencies: [A, A]",
      ],
      ["missing-key@5", "dependency-cycle@7", "duplicate-entry@11"],
    ],
    [
      "a broken task entry next to a dependency on it by a wrong name",
      [
        "version: 1",
        "id: m1",
        "title: M",
        "tasks:",
        "  - 42",
        "  - id: T2",
        "    title: Two",
        "    spec: two",
        "    dependencies: [T1]",
      ],
      ["wrong-type@5", "unknown-dependency@9"],
    ],
    [
      "a milestone that requires itself and a bad workflow",
      [
        "version: 1",
        "id: m1",
        "title: M",
        "workflow: nope",
        "dependencies:",
        "  requires: [m1]",
        "tasks:",
        "  - id: T1",
        "    title: T",
        "    spec: t",
      ],
      ["invalid-value@4", "self-dependency@6"],
    ],
  ])("%s: all of them, sorted by position", (_, text, expected) => {
    const found = lines(text.join("\n") + "\n");
    expect(found.map((i) => i.line)).toEqual([...found.map((i) => i.line)].sort((a, b) => a - b));
    expect(found.map((i) => `${i.code}@${i.line}`)).toEqual(expected);
  });
});
