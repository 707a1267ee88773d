import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_PLAN, sampleFiles } from "../helpers/sample-plan.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { parseCommands, parseOutputs } from "./harness.js";

/** The committed bundle is what GitHub runs (`action.yml`: node24, dist/action/index.js); `npm test` builds it first. */
const ROOT = resolve(import.meta.dirname, "../..");
const BUNDLE = join(ROOT, "dist/action/index.js");

beforeAll(() => {
  const built = statSync(BUNDLE, { throwIfNoEntry: false });
  if (!built) throw new Error(`${BUNDLE} is missing: run \`npm run build\` first`);
  const sources = ["action", "core", "local", "github"].flatMap((dir) =>
    readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" }).map((file) => join(ROOT, dir, file)),
  );
  const newer = sources.filter((file) => file.endsWith(".ts") && statSync(file).mtimeMs > built.mtimeMs);
  if (newer.length > 0) throw new Error(`${BUNDLE} is older than ${newer[0]}: run \`npm run build\``);
});

/** One repository for every run: a valid plan where validate looks by default, an invalid one under broken/, a Kiro spec. */
const BROKEN = SAMPLE_PLAN.replace("    spec: first\n", "    spec: first\n    colour: red\n");
let repo: ScratchRepo;
const SPEC = "# Implementation Plan\n\n- [ ] 1. Session service\n- [ ] 2. Sign out\n";
beforeAll(() => void (repo = scratchRepo({ ...sampleFiles(), "broken/m1.yaml": BROKEN, "specs/auth/tasks.md": SPEC })));
afterAll(() => repo.cleanup());

/** Run the bundle as the runner does: a node process, inputs as INPUT_<NAME>, file commands in files. */
function runBundle(inputs: Record<string, string>, extra: NodeJS.ProcessEnv = {}) {
  const files = mkdtempSync(join(tmpdir(), "phasegate-bundle-"));
  try {
    const summary = join(files, "summary.md");
    const output = join(files, "output");
    writeFileSync(summary, "");
    writeFileSync(output, "");
    const env: NodeJS.ProcessEnv = {
      ...repo.env,
      GITHUB_WORKSPACE: repo.root,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: output,
      GITHUB_ACTOR: "octocat",
      GITHUB_RUN_ID: "9",
      GITHUB_RUN_ATTEMPT: "1",
    };
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
    Object.assign(env, extra);
    const run = spawnSync(process.execPath, [BUNDLE], { cwd: repo.root, env, encoding: "utf8", timeout: 20_000 });
    return {
      code: run.status,
      stdout: run.stdout,
      stderr: run.stderr,
      commands: parseCommands(run.stdout),
      outputs: parseOutputs(readFileSync(output, "utf8")),
      summary: statSync(summary).isFile() ? readFileSync(summary, "utf8") : "",
    };
  } finally {
    rmSync(files, { recursive: true, force: true });
  }
}

describe("the bundle dist/action/index.js", () => {
  it("validate: exit 1 with ::error at the plan's line and column for an invalid plan", () => {
    const run = runBundle({ command: "validate", path: "broken/m1.yaml" });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "::error title=phasegate%3A unknown-key,file=broken/m1.yaml,line=11,col=5::unknown key `colour`",
    );
    expect(run.stdout).toContain("::error::1 of 1 plans invalid: broken/m1.yaml\n");
    expect(run.outputs.ok).toBe("false");
    expect(run.summary).toContain("**invalid**: 1 error");
  });

  it("validate: exit 0 for valid plans; status sets its outputs", () => {
    const valid = runBundle({ command: "validate" });
    expect([valid.code, valid.commands.filter((c) => c.command === "error")]).toEqual([0, []]);
    expect(valid.outputs.ok).toBe("true");
    const status = runBundle({ command: "status", milestone: "m1" });
    expect(status.code).toBe(0);
    expect(status.outputs).toEqual({ ok: "true", status: "planned", progress: "0", blockers: "[]" });
    expect(status.summary).toContain("## Milestone one (`m1`) · planned");
  });

  it("import: a spec folder to a plan, in the import command's chunk", () => {
    const run = runBundle({ command: "import", path: "specs/auth", id: "auth" });
    expect([run.code, run.commands.filter((c) => c.command === "error")]).toEqual([0, []]);
    expect(run.outputs["plan-file"]).toBe(".milestones/auth.yaml");
    expect(run.outputs.plan).toMatch(/^id: auth$/m);
    expect(run.outputs.plan).toContain("Session service");
  });

  it("the workspace scan under a fork's pull request refuses before the test command runs", () => {
    const event = join(repo.root, "..", `event-${process.pid}.json`);
    writeFileSync(event, JSON.stringify({ pull_request: { head: { repo: { full_name: "evil/rocket" } } } }));
    try {
      const run = runBundle(
        { command: "scan", milestone: "m1", token: "" },
        { GITHUB_EVENT_NAME: "pull_request_target", GITHUB_EVENT_PATH: event, GITHUB_REPOSITORY: "acme/rocket" },
      );
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/::error::phasegate scan: refused: scan runs the repository's test command/);
    } finally {
      rmSync(event, { force: true });
    }
  });

  it("API mode loads on demand: the fork guard refuses sync, and each API command checks its inputs", () => {
    const event = join(repo.root, "..", `event-${process.pid}.json`);
    writeFileSync(event, JSON.stringify({ pull_request: { head: { repo: { full_name: "evil/rocket" } } } }));
    try {
      const github = {
        GITHUB_EVENT_PATH: event,
        GITHUB_REPOSITORY: "acme/rocket",
        GITHUB_API_URL: "http://127.0.0.1:9",
      };
      const sync = runBundle(
        { command: "sync", milestone: "m1", token: "t" },
        { ...github, GITHUB_EVENT_NAME: "pull_request" },
      );
      expect(sync.code).toBe(1);
      expect(sync.stdout).toContain(
        "sync writes to the repository and is refused under pull_request for a pull request from evil/rocket",
      );
      const inputs: Record<string, string> = { milestone: "m1", task: "T1" };
      for (const command of ["sync", "phase-check", "gate", "checkpoint", "claim", "release", "advance", "comment"]) {
        const run = runBundle({ command, ...inputs, token: "" }, { ...github, GITHUB_EVENT_NAME: "push" });
        expect([command, run.code]).toEqual([command, 1]);
        expect(run.stdout).toContain(`input "token" is empty: ${command} works through GitHub's API`);
      }
    } finally {
      rmSync(event, { force: true });
    }
  }, 60_000);

  it("a bad input: exit 1 and the reason", () => {
    const run = runBundle({ command: "deploy" });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '::error::phasegate action: input "command" must be one of validate, import, status, scan, sync, phase-check, gate, checkpoint, claim, release, advance, comment; got "deploy"',
    );
  });

  it("an unwritable step summary: one readable annotation, exit 1, and ok is not set", () => {
    // A folder in place of the file: unwritable even as root (chmod 0444 is not, for root).
    const folder = mkdtempSync(join(tmpdir(), "phasegate-summary-"));
    try {
      const run = runBundle({ command: "validate" }, { GITHUB_STEP_SUMMARY: folder });
      expect(run.code).toBe(1);
      const errors = run.commands.filter((c) => c.command === "error");
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toMatch(/could not report the result to the runner/);
      expect(errors[0]?.message).not.toMatch(/\n\s+at /);
      expect(run.outputs.ok).toBeUndefined();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
