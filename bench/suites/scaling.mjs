// parseLog + fold + computeStatusView on 0 (the fixed cost: 1,000 tasks), 1k, 10k and 100k events of
// the same plan (prefixes of the busy log), each step timed on its own; JSON.parse of every line
// alone for reference.
import { logPrefix } from "../lib/fixture.mjs";
import { time } from "../lib/measure.mjs";

export async function benchScaling({ fixture, core, sizes }) {
  const { plan } = core.parsePlan(fixture.plan.text, `.milestones/${fixture.id}.yaml`);
  const rows = [];
  for (const { events: n, runs } of sizes) {
    const text = logPrefix(fixture.busy.text, n);
    const { events, problem } = core.parseLog(text, fixture.id);
    if (problem !== undefined || events.length !== n)
      throw new Error(`the ${n}-event log does not verify: ${problem?.message}`);
    const state = core.fold(plan, events);
    const now = new Date();
    rows.push({
      events: n,
      bytes: text.length,
      jsonParse: await time(() => {
        for (const line of text.split("\n")) if (line !== "") JSON.parse(line);
      }, runs),
      parseLog: await time(() => core.parseLog(text, fixture.id), runs),
      fold: await time(() => core.fold(plan, events), runs),
      view: await time(() => core.computeStatusView(plan, state, now), runs),
    });
  }
  return rows;
}
