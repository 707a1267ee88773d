import { afterEach, describe, expect, it } from "vitest";
import { parseLog } from "../../core/events/parse-log.js";
import { sealEvent } from "../../core/events/serialize-event.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { sampleFiles, SAMPLE_PLAN } from "../helpers/sample-plan.js";

const LOG = ".milestones/logs/m1.jsonl";
let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

/** Characters that reorder or hide text on a terminal (Trojan Source): bidi embeddings, overrides, isolates, marks, line separators. */
const INVISIBLE = [
  "\u202a",
  "\u202b",
  "\u202c",
  "\u202d",
  "\u202e",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
  "\u200e",
  "\u200f",
  "\u061c",
  "\u2028",
  "\u2029",
];
const escaped = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;

describe("bidi and other invisible controls", () => {
  it("are escaped in titles, reasons and actor names on the terminal, and kept exact in JSON", async () => {
    const title = `Pay ${INVISIBLE.join("x")} out`;
    repo = scratchRepo(
      sampleFiles(
        SAMPLE_PLAN.replace("title: First task", `title: ${JSON.stringify(title)}`).replace(
          "title: Milestone one",
          `title: "Milestone \u202eeno"`,
        ),
      ),
      "milestone/m1",
    );
    expect((await repo.cli("execute", "m1", "--as", "bob")).code).toBe(0);
    expect((await repo.cli("hold", "m1", "T2", "--reason", "wait \u2066for\u2069 it", "--as", "alice")).code).toBe(0);
    // An actor name no command accepts, in a line sealed by hand (a merge from another tool, say).
    const { events } = parseLog(repo.read(LOG), "m1");
    const last = events.at(-1)!;
    const forged = sealEvent({
      v: 1,
      seq: last.seq + 1,
      timestamp: new Date().toISOString(),
      event: "task_claimed",
      milestone_id: "m1",
      session_id: "s-hand",
      actor: "mal\u202elory",
      task_id: "T1",
      details: { plan_version: last.details.plan_version },
      prev: last.hash,
    } as Parameters<typeof sealEvent>[0]);
    repo.write(LOG, repo.read(LOG) + forged.line + "\n");

    const all = [
      await repo.cli("status", "m1"),
      await repo.cli("status"),
      await repo.cli("verify", "m1"),
      await repo.cli("sessions"),
    ];
    for (const { out, err } of all) {
      for (const c of INVISIBLE) expect(out + err).not.toContain(c);
    }
    const status = all[0]!.out;
    expect(status).toContain(`Pay ${INVISIBLE.map(escaped).join("x")} out`);
    expect(status).toContain("Milestone \\u202eeno");
    expect(status).toContain("mal\\u202elory");
    const json = JSON.parse((await repo.cli("status", "m1", "--json")).out) as { tasks: { title: string }[] };
    expect(json.tasks[0]?.title).toBe(title);
  });

  it("validate refuses a NUL in a title or description, at its line", async () => {
    for (const [field, plan] of [
      ["task title", SAMPLE_PLAN.replace("title: First task", 'title: "First\\0task"')],
      ["milestone title", SAMPLE_PLAN.replace("title: Milestone one", 'title: "Milestone\\0one"')],
      ["description", SAMPLE_PLAN.replace("title: Milestone one", 'title: Milestone one\ndescription: "a\\0b"')],
    ] as const) {
      repo?.cleanup();
      repo = scratchRepo(sampleFiles(plan));
      const result = await repo.cli("validate");
      expect({ field, code: result.code }).toEqual({ field, code: 1 });
      expect(result.out + result.err).toMatch(/m1\.yaml:\d+:\d+: error: .*NUL/);
    }
  });
});
