// `phasegate status` against the baseline (read + YAML.parse + JSON.parse per line), (a) in-process
// through the CLI's `main()` and (b) as whole `node` processes.
import { readMilestone } from "../lib/baseline.mjs";
import { compare, nodeProcess } from "../lib/measure.mjs";
import { BASELINE, BIN, cliEnv, runMain } from "./paths.mjs";

export async function benchStatus({ fixture, main, runs }) {
  const { id } = fixture;
  const { root, planPath, logPath } = fixture.log.repo;
  const env = cliEnv();
  const inProcess = await compare(
    [
      { name: "baseline", run: () => readMilestone(planPath, logPath) },
      { name: "status", run: () => runMain(main, ["status", id], root, env) },
      { name: "statusJson", run: () => runMain(main, ["status", id, "--json"], root, env) },
    ],
    runs.inProcess,
  );
  const processes = await compare(
    [
      { name: "node", run: nodeProcess(["-e", ""], { cwd: root, env }) },
      { name: "baseline", run: nodeProcess([BASELINE, planPath, logPath], { cwd: root, env }) },
      { name: "statusJson", run: nodeProcess([BIN, "status", id, "--json"], { cwd: root, env }) },
    ],
    runs.process,
  );
  return { inProcess, processes };
}
