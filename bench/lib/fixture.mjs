// The benchmark's milestone: one 1,000-task plan; a realistic 10,000-event log (about 40 % of the
// tasks done) and a busy 100,000-event log (agents re-validating after most edits), each in its own
// scratch git repository. The scaling series uses prefixes of the busy log, so every size has the
// same mix of events.
import { createHash } from "node:crypto";
import { generateLog } from "./log-fixture.mjs";
import { generatePlan } from "./plan-fixture.mjs";
import { createScratchRepo } from "./scratch-repo.mjs";

export const MILESTONE = "platform-consolidation";
const TASKS = 1_000;
const EVENTS = 10_000;
const BUSY_EVENTS = 100_000;

export function createFixture(core) {
  const plan = generatePlan({ id: MILESTONE, tasks: TASKS });
  // Every event cites the plan's version (its blob id), as the CLI's commands stamp it: the audit
  // then reads the plan each event was decided under, the current one or, after a change, the older.
  const planVersion = blobId(plan.text);
  const log = generateLog({ plan, planVersion, events: EVENTS, revisions: 0.5 }, core.sealEvent, core.GENESIS_HASH);
  const busy = generateLog(
    { plan, planVersion, events: BUSY_EVENTS, revisions: 20 },
    core.sealEvent,
    core.GENESIS_HASH,
  );
  const repo = createScratchRepo({ id: MILESTONE, planText: plan.text, logText: log.text });
  const busyRepo = createScratchRepo({ id: MILESTONE, planText: plan.text, logText: busy.text });
  return {
    id: MILESTONE,
    tasks: TASKS,
    plan,
    log: { ...log, events: EVENTS, repo },
    busy: { ...busy, events: BUSY_EVENTS, repo: busyRepo },
    remove() {
      repo.remove();
      busyRepo.remove();
    },
  };
}

/** The id git gives a file's bytes (`git hash-object`). */
function blobId(text) {
  const bytes = Buffer.from(text, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/** The first `n` lines of a log text (a prefix of a valid log is a valid log). */
export function logPrefix(text, n) {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf("\n", at + 1);
    if (at === -1) throw new Error(`the log has fewer than ${n} lines`);
  }
  return text.slice(0, at + 1);
}
