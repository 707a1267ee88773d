// The Action's bundle: its size, and its cold start running `validate` as GitHub runs it
// (`node dist/action/index.js` with INPUT_* variables) against Node's own startup.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BUNDLE = join(ROOT, "dist", "action", "index.js");

function time(args, env) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`${args.join(" ")} exited ${run.status}: ${run.stdout}${run.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];

/** Medians and spread of `runs` alternating runs of the bundle's `validate` and `node -e 0`. */
export function benchAction(runs = 15) {
  const out = mkdtempSync(join(tmpdir(), "phasegate-bench-action-"));
  const env = {
    PATH: process.env.PATH,
    GITHUB_WORKSPACE: ROOT,
    GITHUB_STEP_SUMMARY: join(out, "summary.md"),
    GITHUB_OUTPUT: join(out, "output"),
    INPUT_COMMAND: "validate",
    "INPUT_WORKING-DIRECTORY": "examples/auth-v2",
  };
  // The runner creates these files before a step starts.
  writeFileSync(env.GITHUB_STEP_SUMMARY, "");
  writeFileSync(env.GITHUB_OUTPUT, "");
  const node = [];
  const action = [];
  try {
    for (let i = 0; i < runs + 2; i++) {
      const a = time(["-e", "0"], env);
      const b = time([BUNDLE], env);
      if (i < 2) continue; // two warm-up rounds
      node.push(a);
      action.push(b);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const dir = join(ROOT, "dist", "action");
  const files = readdirSync(dir, { recursive: true }).map((f) => join(dir, String(f)));
  const bytes = files.filter((f) => statSync(f).isFile()).reduce((n, f) => n + statSync(f).size, 0);
  return { runs, bytes, entry: statSync(BUNDLE).size, node, action };
}

export function renderActionSection(r) {
  const ms = (x) => `${x.toFixed(0)} ms`;
  const spread = (xs) => `${ms(quantile(xs, 0.1))}–${ms(quantile(xs, 0.9))}`;
  return [
    "## Action",
    "",
    `The committed bundle \`dist/action/\`: ${(r.bytes / 1024).toFixed(0)} KiB in all; the ${(r.entry / 1024).toFixed(0)} KiB entry loads only the chunks of the command that runs (ADR 35): \`validate\` loads the plan parser and the checkout's files, never the event log, API mode (Octokit, the adapter) or secretlint. Cold start of \`validate\` on \`examples/auth-v2\`, run as GitHub runs it (\`node dist/action/index.js\`, inputs as \`INPUT_*\`), against \`node -e 0\`: ${r.runs} alternating runs after two warm-up rounds; median and the 10th–90th percentile spread.`,
    "",
    "| process | median | spread (p10–p90) |",
    "|---|---:|---:|",
    `| \`node -e 0\` | ${ms(median(r.node))} | ${spread(r.node)} |`,
    `| \`validate\` (the bundle) | ${ms(median(r.action))} | ${spread(r.action)} |`,
    "",
    `- Cold start: ${(median(r.action) / median(r.node)).toFixed(2)}× Node's own startup (target ≤ 3×).`,
    "- A scheduled `scan` of a 200-task milestone with nothing new makes at most 6 requests and no writes (target 6; asserted by `test/action/scan-api.test.ts`, which prints the list): one GraphQL query for the plan, the settings and the milestone branch's head and log, then the head's combined status, its check runs and the open pull requests into the branch: 4 (8 before issue 16).",
    "",
  ].join("\n");
}
