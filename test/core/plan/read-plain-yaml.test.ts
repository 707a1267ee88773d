import { deepStrictEqual } from "node:assert";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { isScalar, parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { parsePlan, parsePlanWithPositions } from "../../../core/plan/parse-plan.js";
import { readPlainPlan } from "../../../core/plan/read-plain-plan.js";
import { readPlainYaml } from "../../../core/plan/read-plain-yaml.js";
import { YAML_OPTIONS } from "../../../core/plan/read-yaml.js";
import { readFixture } from "./read-fixture.js";
import { applyEdits, yamlDocument, yamlEdits } from "./yaml-grammar.js";
import { propertyRuns } from "../../helpers/property-runs.js";

// A deeper search: npm run test:deep (PHASEGATE_FC_RUNS).
const RUNS = propertyRuns(2000);
const FILE = ".milestones/full.yaml";

/** The yaml library's reading with parsePlan's options (core/plan/read-yaml.ts). */
function library(text: string) {
  return parseDocument(text, YAML_OPTIONS);
}

/**
 * Whatever readPlainYaml accepts, the yaml library reads without an error or a warning, to the same
 * value (same types, same key order, -0 and NaN included), with the same source text for every number.
 */
function expectSameAsLibrary(text: string): boolean {
  const plain = readPlainYaml(text);
  if (!plain) return false;
  const doc = library(text);
  expect(
    [...doc.errors, ...doc.warnings].map((e) => e.message),
    JSON.stringify(text),
  ).toEqual([]);
  deepStrictEqual(plain.value, doc.toJS(), JSON.stringify(text));
  const numbers = (value: unknown, path: Array<string | number>): void => {
    if (typeof value === "number") {
      const node = doc.getIn(path, true);
      expect(plain.numberText(path), JSON.stringify(text)).toBe(isScalar(node) ? node.source : undefined);
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) numbers(item, [...path, Array.isArray(value) ? +key : key]);
    }
  };
  numbers(plain.value, []);
  return true;
}

const fixtureDir = fileURLToPath(new URL("../../fixtures/plans/", import.meta.url));
const fixtures = ["valid", "invalid", "legacy/active"].flatMap((dir) =>
  readdirSync(fixtureDir + dir)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => `${dir}/${f}`),
);

describe("readPlainYaml", () => {
  it.each([
    ["block mappings and lists", "a: 1\nb:\n  c: x\n  d:\n    - 1\n    - two\n"],
    ["a list at its key's column", "tasks:\n- id: T1\n  title: A\n- id: T2\nnext: 1\n"],
    ["a mapping in a list item, two spaces after the dash", "l:\n  -   id: T1\n      title: A\n"],
    ["an item on the next line", "l:\n  -\n    id: T1\n  - x\n"],
    ["empty values", "a:\nb: ~\nc: ''\nd: \"\"\n"],
    ["comments and blank lines anywhere", "# top\na: 1 # one\n\n      # deep\nb:  # open\n  c: 2\n# end\n"],
    ["numbers the core schema reads", "a: [1, -0, +5, 0o17, 0x1F, 1e3, .5, 5., 1.10, .inf, -.Inf, .NaN, 007, 1_000]\n"],
    ["words that are null or booleans, and words that are not", "a: [null, Null, NULL, true, False, yes, on, n]\n"],
    ["plain scalars with indicators inside", "a: a:b\nb: a#b\nc: -x\nd: x- y\ne: a, b]\nf: 2027-06-30\n"],
    ["quoted scalars", `a: 'it''s'\nb: "say \\"hi\\"\\n\\t\\/\\\\"\nc: 'a: b # c'\nd: "é 😀"\n`],
    ["flow collections", "a: { x: 1, y: [b, 'c', { z: [] }] }\nb: []\nc: {}\n"],
    ["literal block scalars", "a: |\n  one\n    two\n\n  three\n\n\nb: |-\n  x\n  # not a comment\nc: 1\n"],
    ["folded block scalars", "a: >\n  one\n  two\n\n  three\nb: >- # c\n  x\n  y\n"],
    ["keys JS objects hold specially", "constructor: 1\ntoString: 2\nvalueOf:\n  hasOwnProperty: 3\n"],
  ])("reads %s as the yaml library does", (_name, text) => {
    expect(expectSameAsLibrary(text)).toBe(true);
  });

  it.each([
    ["a tab", "a:\t1\n"],
    ["CRLF line ends", "a: 1\r\nb: 2\r\n"],
    ["a byte order mark", "\uFEFFa: 1\n"],
    ["an anchor and an alias", "a: &x 1\nb: *x\n"],
    ["a tag", "a: !!str 1\n"],
    ["a duplicate key", "a: 1\na: 2\n"],
    ["a duplicate key in a flow mapping", "a: { b: 1, b: 2 }\n"],
    ["`__proto__`", "__proto__: 1\n"],
    ["a quoted key", '"a": 1\n'],
    ["a plain scalar on two lines", "a: one\n  two\n"],
    ["a quoted scalar on two lines", "a: 'one\n  two'\n"],
    ["a flow list on two lines", "a: [1,\n  2]\n"],
    ["a trailing comma", "a: [1, 2, ]\n"],
    ["a YAML-only escape", 'a: "\\x41"\n'],
    ["keep chomping", "a: |+\n  x\n\n"],
    ["an indentation indicator", "a: |2\n   x\n"],
    ["a folded line indented more", "a: >\n  x\n    y\n"],
    ["a block scalar with a blank line first", "a: |\n\n  x\n"],
    ["a list inside a list item", "a:\n  - - 1\n"],
    ["a second document", "a: 1\n---\nb: 2\n"],
    ["a directive", "%YAML 1.2\n---\na: 1\n"],
    ["a scalar document", "just text\n"],
    ["an empty document", "# nothing\n"],
    ["a value after a value", "a: b: c\n"],
    ["a line indented oddly", "a:\n  b: 1\n c: 2\n"],
  ])("leaves %s to the yaml library", (_name, text) => {
    expect(readPlainYaml(text)).toBeUndefined();
  });

  it("reads the fixtures it accepts as the yaml library does, and accepts the valid ones", () => {
    const accepted = fixtures.filter((f) => expectSameAsLibrary(readFixture(f)));
    expect(accepted).toEqual(expect.arrayContaining(["valid/full.yaml", "valid/minimal.yaml"]));
  });

  it("agrees with the yaml library on generated documents", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => void expectSameAsLibrary(yamlDocument(seed))),
      RUNS,
    );
  });

  it("agrees with the yaml library on generated documents with small breaks", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        yamlEdits,
        (seed, edits) => void expectSameAsLibrary(applyEdits(yamlDocument(seed), edits)),
      ),
      RUNS,
    );
  });
});

describe("parsePlan's fast reading", () => {
  it.each(["valid/full.yaml", "valid/minimal.yaml", "valid/custom-workflow.yaml"])(
    "reads %s without positions, to the plan the positioned reading builds",
    (fixture) => {
      const text = readFixture(fixture);
      const fast = readPlainPlan(text, FILE.replace("full", fixture.slice(6, -5)));
      expect(fast?.plan).toBeDefined();
      expect(fast).toEqual(parsePlanWithPositions(text, FILE.replace("full", fixture.slice(6, -5))));
    },
  );

  it.each(fixtures.filter((f) => !f.startsWith("valid/")))(
    "leaves %s (it has issues) to the positioned reading",
    (fixture) => {
      const text = readFixture(fixture);
      expect(readPlainPlan(text, FILE)).toBeUndefined();
      expect(parsePlan(text, FILE)).toEqual(parsePlanWithPositions(text, FILE));
    },
  );

  it("gives what the positioned reading gives on edited valid plans", () => {
    const full = readFixture("valid/full.yaml");
    fc.assert(
      fc.property(yamlEdits, (edits) => {
        const text = applyEdits(full, edits);
        const options = { knownMilestones: ["infra-base"] };
        expect(parsePlan(text, FILE, options)).toEqual(parsePlanWithPositions(text, FILE, options));
      }),
      { numRuns: Math.ceil(RUNS.numRuns / 10) },
    );
  });
});
