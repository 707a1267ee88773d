// Peak memory of whole processes: node doing nothing, the baseline script and `phasegate status --json`
// on the 10,000- and 100,000-event logs.
import { measureMemory } from "../lib/memory.mjs";
import { BASELINE, BIN, cliEnv } from "./paths.mjs";

export function benchMemory({ fixture, times }) {
  const env = cliEnv();
  const rows = [];
  const add = (name, args, cwd) => rows.push({ name, ...measureMemory(args, { cwd, env, times }) });
  add('node -e "" (startup only)', ["-e", ""], fixture.log.repo.root);
  for (const log of [fixture.log, fixture.busy]) {
    const { root, planPath, logPath } = log.repo;
    const label = `${log.events.toLocaleString("en-US")} events`;
    add(`baseline, ${label}`, [BASELINE, planPath, logPath], root);
    add(`phasegate status --json, ${label}`, [BIN, "status", fixture.id, "--json"], root);
  }
  return rows;
}
