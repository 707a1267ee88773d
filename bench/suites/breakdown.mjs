// Where `phasegate status` spends its time (10,000-event log, in-process): each step the command
// takes, timed on its own with the same inputs. What the steps do not cover (argument parsing,
// file lookups, the CLI's own reads and version hashes) is the remainder.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { time } from "../lib/measure.mjs";

const run = promisify(execFile);
const GIT = ["-c", "core.quotepath=off", "--literal-pathspecs"];

export async function benchBreakdown({ fixture, core, runs }) {
  const { root, planPath, logPath } = fixture.log.repo;
  const [planText, logText] = await Promise.all([readFile(planPath, "utf8"), readFile(logPath, "utf8")]);
  const { plan } = core.parsePlan(planText, `.milestones/${fixture.id}.yaml`);
  const { events } = core.parseLog(logText, fixture.id);
  const folder = new core.StateFolder(plan);
  for (const event of events) folder.apply(event);
  const state = folder.state();
  const view = core.computeStatusView(plan, state, new Date());
  const git = (args) => run("git", [...GIT, ...args], { cwd: root }).catch(() => undefined);
  const steps = [
    ["git: rev-parse --show-toplevel, config github.user, config user.name (3 processes)", async () => {
      await git(["rev-parse", "--show-toplevel"]);
      await git(["config", "--get", "github.user"]);
      await git(["config", "--get", "user.name"]);
    }],
    ["read plan + log", () => Promise.all([readFile(planPath, "utf8"), readFile(logPath, "utf8")])],
    ["parsePlan (YAML document, schema, validation)", () => core.parsePlan(planText, `.milestones/${fixture.id}.yaml`)],
    ["parseLog (JSON.parse + re-serialise + sha256 per line)", () => core.parseLog(logText, fixture.id)],
    ["fold: apply events", () => {
      const f = new core.StateFolder(plan);
      for (const event of events) f.apply(event);
    }],
    ["fold: state() snapshot (structuredClone)", () => folder.state()],
    ["computeStatusView", () => core.computeStatusView(plan, state, new Date())],
    ["renderStatus (text)", () => core.renderStatus(view)],
  ];
  const rows = [];
  for (const [name, step] of steps) rows.push({ name, ...(await time(step, runs)) });
  return rows;
}
