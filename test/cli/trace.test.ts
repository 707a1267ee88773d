import { describe, expect, it } from "vitest";
import { traceCommand } from "../../cli/commands/trace.js";

const FIXTURES = new URL("../fixtures/interop/", import.meta.url).pathname;

async function trace(...argv: string[]) {
  const io = { out: "", err: "", json: false };
  const code = await traceCommand.run(
    argv,
    { out: (t) => void (io.out += t), err: (t) => void (io.err += t), json: false },
    { cwd: FIXTURES, env: {} },
  );
  return { code, out: io.out, err: io.err };
}

describe("phasegate trace", () => {
  it("prints the matrix, the uncovered requirements and unknown references at their line", async () => {
    const { code, out } = await trace("trace-spec-kit");
    expect(code).toBe(0);
    expect(out.split("\n")).toEqual([
      "trace-spec-kit: 7 references in tasks.md, 6 resolve; 5 of 6 requirements covered",
      "  US1 Import a playlist                     T010, T011",
      "  US2 Export a playlist                     T020",
      "  FR-001 System MUST read M3U files.        T010",
      "  FR-002 System MUST report duplicates.     T011",
      "  FR-003 System MUST write M3U files.       —",
      "  SC-001 Users import a playlist in under…  T011",
      "not covered by any task: FR-003",
      'trace-spec-kit/tasks.md:13: warning: unknown requirement reference "FR-009" in task T020',
      "",
    ]);
  });

  it.each([
    [["trace-kiro", "--json"], 0, '"uncovered": [\n    "3"\n  ]'],
    [["glued-markers.md"], 1, ""],
    [["/etc"], 1, ""],
  ])("%j exits %d", async (argv, exit, text) => {
    const { code, out, err } = await trace(...argv);
    expect(code).toBe(exit);
    if (argv[0] === "/etc") expect(err).toContain("outside the repository");
    expect(out).toContain(text);
  });
});
