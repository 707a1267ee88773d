// Where `phasegate status` spends its time (10,000-event log, in-process): each step the command
// takes, timed on its own with the same inputs, in the same rounds as the whole command (so load on
// the machine hits all alike). What the steps do not cover (GC of the whole run's heap, argument
// parsing, file lookups) is the remainder.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { compare } from "../lib/measure.mjs";
import { cliEnv, runMain } from "./paths.mjs";

const run = promisify(execFile);
const GIT = ["-c", "core.quotepath=off", "--literal-pathspecs"];

export async function benchBreakdown({ fixture, core, main, runs }) {
  const { root, planPath, logPath } = fixture.log.repo;
  const [planBytes, logBytes] = await Promise.all([readFile(planPath), readFile(logPath)]);
  const [planText, logText] = [planBytes.toString("utf8"), logBytes.toString("utf8")];
  const { plan } = core.parsePlan(planText, `.milestones/${fixture.id}.yaml`);
  const { events } = core.parseLog(logText, fixture.id);
  const folder = new core.StateFolder(plan);
  for (const event of events) folder.apply(event);
  const state = folder.state();
  const view = core.computeStatusView(plan, state, new Date());
  const git = (args) => run("git", [...GIT, ...args], { cwd: root }).catch(() => undefined);
  const steps = [
    [
      "git: rev-parse --show-toplevel, config github.user, config user.name (3 processes)",
      async () => {
        await git(["rev-parse", "--show-toplevel"]);
        await git(["config", "--get", "github.user"]);
        await git(["config", "--get", "user.name"]);
      },
    ],
    ["read and decode plan + log", () => Promise.all([readFile(planPath, "utf8"), readFile(logPath, "utf8")])],
    [
      "sha1 of the plan and the log (LocalRepo.read's git blob id, used only by writes)",
      () => {
        for (const bytes of [planBytes, logBytes])
          createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
      },
    ],
    ["parsePlan (YAML document, schema, validation)", () => core.parsePlan(planText, `.milestones/${fixture.id}.yaml`)],
    ["parseLog (JSON.parse + sha256 per line + chain checks)", () => core.parseLog(logText, fixture.id)],
    [
      "fold: apply events",
      () => {
        const f = new core.StateFolder(plan);
        for (const event of events) f.apply(event);
      },
    ],
    ["fold: state() snapshot (copy-on-write)", () => folder.state()],
    ["computeStatusView", () => core.computeStatusView(plan, state, new Date())],
    ["renderStatus (text)", () => core.renderStatus(view)],
  ];
  const env = cliEnv();
  const whole = { name: "whole", run: () => runMain(main, ["status", fixture.id], root, env) };
  const results = await compare([whole, ...steps.map(([name, run]) => ({ name, run }))], runs);
  return { whole: results.whole, steps: steps.map(([name]) => ({ name, ...results[name] })) };
}
