import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { main } from "../../cli/main.js";
import { COMMANDS } from "../../cli/commands/all-commands.js";
import { highlight, shouldColour } from "../../cli/colour.js";
import { toJsonNames } from "../../cli/json-names.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { sampleFiles, SAMPLE_PLAN } from "../helpers/sample-plan.js";

const CLI = fileURLToPath(new URL("../../bin/phasegate.js", import.meta.url));
let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

/** Run the CLI in-process from another folder than the repository (for -C). */
async function cliFrom(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]) {
  let out = "";
  let err = "";
  const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), json: false };
  const code = await main(args, io, { cwd, env: { ...env, PHASEGATE_SESSION: "s-test" } });
  return { code, out, err };
}

describe("conventions", () => {
  it("takes global options before the command, as git does", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    const json = await cliFrom("/", repo.env, "-C", repo.root, "--json", "status", "m1");
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out).milestone.id).toBe("m1");
    const verbose = await cliFrom("/", repo.env, "-v", `-C${repo.root}`, "status", "m1");
    expect(verbose.code).toBe(0);
    expect(verbose.out).toContain("Milestone one");
  });

  it("suggests the nearest command, and answers usage errors in JSON under --json", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    const typo = await repo.cli("stauts", "m1");
    expect(typo.code).toBe(2);
    expect(typo.err).toMatch(/unknown command "stauts"; did you mean "status"\?/);
    const json = await repo.cli("--json", "status", "m1", "--bogus");
    expect(json.code).toBe(2);
    expect(JSON.parse(json.out)).toMatchObject({ ok: false, error: "usage" });
  });

  it("status without a milestone lists every milestone, in JSON too", async () => {
    repo = scratchRepo({ ...sampleFiles(), ".milestones/m2.yaml": SAMPLE_PLAN.replace("id: m1", "id: m2") });
    await repo.cli("activate", "m1");
    const text = await repo.cli("status");
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^m1 +in_progress +0\.0% +0\/2/m);
    expect(text.out).toMatch(/^m2 +planned/m);
    const json = JSON.parse((await repo.cli("status", "--json")).out) as { milestones: { id: string }[] };
    expect(json.milestones.map((m) => m.id)).toEqual(["m1", "m2"]);
  });

  it("refuses empty or overlong session ids and actor names that are not GitHub logins", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    for (const args of [
      ["--session", "x".repeat(300)],
      ["--session", ""],
      ["--as", ""],
      ["--as", "-bad"],
      ["--as", "a\u001b]0;pwned\u0007"],
    ]) {
      const result = await repo.cli("activate", "m1", ...args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.err).not.toMatch(/ENAMETOOLONG/);
      expect(result.err).not.toContain("\u001b");
    }
    expect((await repo.cli("activate", "m1", "--as", "dependabot[bot]")).code).toBe(0);
    const missing = await repo.cli("sessions", "show", "nope");
    expect(missing.code).toBe(1);
  });

  it("escapes control characters in titles on the terminal, and keeps them exact in JSON", async () => {
    repo = scratchRepo(sampleFiles(SAMPLE_PLAN.replace("title: First task", 'title: "First \\e]0;owned\\a task"')));
    const text = await repo.cli("status", "m1");
    expect(text.out).not.toContain("\u001b");
    expect(text.out).toContain("First \\x1b]0;owned\\x07 task");
    const json = JSON.parse((await repo.cli("status", "m1", "--json")).out) as { tasks: { title: string }[] };
    expect(json.tasks[0]?.title).toBe("First \u001b]0;owned\u0007 task");
  });

  it("ends quietly when stdout is closed early (status | head -c1)", () => {
    const tasks = Array.from({ length: 1500 }, (_, i) => `  - id: T${i}\n    title: Task ${i}\n    spec: s${i}\n`);
    repo = scratchRepo(sampleFiles(`version: 1\nid: m1\ntitle: Big\ntasks:\n${tasks.join("")}`), "milestone/m1");
    const result = spawnSync("sh", ["-c", `"${process.execPath}" "${CLI}" status m1 | head -c1`], {
      cwd: repo.root,
      env: repo.env,
      encoding: "utf8",
    });
    expect(result.stderr).not.toMatch(/EPIPE|at /);
  });
});

describe("conventions of gh, git and npm", () => {
  const plain = (env: NodeJS.ProcessEnv = {}) => cliFrom(process.cwd(), env, "--version");

  it.each([
    [["status", "m1", "--jsn"], '"--jsn"; did you mean "--json"?'],
    [["sync", "m1", "--dry-rn"], '"--dry-rn"; did you mean "--dry-run"?'],
    [["checkpoint", "m1", "--min-change", "3"], 'did you mean "--min-changes"?'],
    [["validate", "--zzzzzzzzz"], 'unknown option "--zzzzzzzzz"\n'],
    [["sync", "m1", "--repo"], "--repo needs a value (--repo <value>)"],
    [["status", "m1", "--json=yes"], "--json takes no value"],
    [["import", "x", "--id"], "--id needs a value"],
  ])("%j: a usage error in the CLI's words", async (args, message) => {
    const { code, err } = await cliFrom(process.cwd(), {}, ...args);
    expect(code).toBe(2);
    expect(err).toContain(message);
    expect(err).not.toMatch(/To specify a positional argument|Unknown option '/);
  });

  it("help <command> and <command> --help show that command's help; unknown topics suggest one", async () => {
    for (const name of ["sync", "status", "import", "doctor"]) {
      const viaHelp = await cliFrom(process.cwd(), {}, "help", name);
      const viaFlag = await cliFrom(process.cwd(), {}, name, "--help");
      expect(viaHelp).toEqual(viaFlag);
      expect(viaHelp.code).toBe(0);
      expect(viaHelp.out).toMatch(new RegExp(`^usage: phasegate ${name}`));
    }
    const typo = await cliFrom(process.cwd(), {}, "help", "snyc");
    expect([typo.code, typo.err]).toEqual([2, expect.stringContaining('did you mean "sync"?')]);
  });

  it("--version and -V print package.json's version", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    expect(await plain()).toEqual({ code: 0, out: `phasegate ${version}\n`, err: "" });
    expect((await cliFrom(process.cwd(), {}, "-V")).out).toBe(`phasegate ${version}\n`);
    expect(JSON.parse((await cliFrom(process.cwd(), {}, "--json", "--version")).out)).toEqual({ version });
  });

  it.each([["status"], ["validate"], ["import", "specs"], ["schema", "--check"], ["sync", "m1"]])(
    "-C with a folder that does not exist: %j says so, exit 1",
    async (...args) => {
      const { code, err } = await cliFrom("/", { GITHUB_TOKEN: "t" }, "-C", "/nonexistent/phasegate", ...args);
      expect(code).toBe(1);
      expect(err).toBe("phasegate: -C /nonexistent/phasegate: the folder does not exist\n");
    },
  );

  it("-C with a file is not a folder", async () => {
    const { code, err } = await cliFrom("/", {}, "-C", fileURLToPath(import.meta.url), "status");
    expect([code, err]).toEqual([1, expect.stringContaining("not a folder")]);
  });

  it("help wraps at 100 columns: the overview and every command's", async () => {
    const texts = [(await cliFrom(process.cwd(), {}, "help")).out];
    for (const c of COMMANDS) texts.push((await cliFrom(process.cwd(), {}, c.name, "--help")).out);
    const long = texts.flatMap((t) => t.split("\n")).filter((l) => l.length > 100);
    expect(long).toEqual([]);
    expect(texts.join("").length).toBeGreaterThan(5000);
  });

  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: "1" }, true, false],
    [{ NO_COLOR: "" }, true, true],
    [{ FORCE_COLOR: "1" }, false, true],
    [{ FORCE_COLOR: "0" }, true, false],
    [{ NO_COLOR: "1", FORCE_COLOR: "1" }, true, false],
    [{ TERM: "dumb" }, true, false],
  ])("colour with %j on a TTY=%s: %s", (env, tty, expected) => {
    expect(shouldColour(env, tty)).toBe(expected);
  });

  it("colours outcomes on a colour terminal, never JSON, never a plan's own escape sequences", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    let err = "";
    const io = {
      out: () => undefined,
      err: (t: string) => void (err += t),
      json: false,
      colour: { out: true, err: true },
    };
    const code = await main(["-C", repo.root, "approve", "m1", "T9"], io, {
      cwd: "/",
      env: { ...repo.env, PHASEGATE_SESSION: "s" },
    });
    expect(code).toBe(1);
    expect(err).toContain("\u001b[31mrefused\u001b[39;22m:");
    expect(highlight("T1: title \\x1b[31m error: x")).toContain("\\x1b[31m");
    let json = "";
    const jsonIo = {
      out: (t: string) => void (json += t),
      err: () => undefined,
      json: true,
      colour: { out: true, err: true },
    };
    await main(["-C", repo.root, "--json", "status", "m1"], jsonIo, { cwd: "/", env: repo.env });
    expect(json).not.toContain("\u001b");
  });

  it.each(["bash", "zsh", "fish"])("completion for %s names every command and each one's options", async (shell) => {
    const { code, out } = await cliFrom(process.cwd(), {}, "completion", shell);
    expect(code).toBe(0);
    for (const c of COMMANDS) expect(out).toContain(c.name);
    expect(out).toContain("dry-run");
    expect(out).toContain("min-changes");
    expect(out).toContain(".milestones");
  });

  it("completion scripts are valid in the shells that are installed", async () => {
    const bash = await cliFrom(process.cwd(), {}, "completion", "bash");
    const checked = spawnSync("bash", ["-n"], { input: bash.out });
    expect(checked.status).toBe(0);
    const run = spawnSync("bash", [
      "-c",
      `${bash.out}\nCOMP_WORDS=(phasegate sy); COMP_CWORD=1; _phasegate; echo "\${COMPREPLY[@]}"; COMP_WORDS=(phasegate sync --dr); COMP_CWORD=2; _phasegate; echo "\${COMPREPLY[@]}"`,
    ]);
    expect(run.stdout.toString()).toBe("sync\n--dry-run\n");
    expect((await cliFrom(process.cwd(), {}, "completion", "tcsh")).code).toBe(2);
  });
});

describe("JSON output naming", () => {
  /** Every key of a JSON value, but inside event `details` and a refusal's `data`. */
  function keysOf(value: unknown, out: string[] = []): string[] {
    if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
    else if (value && typeof value === "object")
      for (const [key, item] of Object.entries(value)) {
        out.push(key);
        if (key !== "details" && key !== "data") keysOf(item, out);
      }
    return out;
  }

  it("every command's JSON names its fields in snake_case, as the event log does", async () => {
    repo = scratchRepo(
      {
        ...sampleFiles(),
        "specs/a/tasks.md": "# Tasks\n\n- [ ] 1. First\n- [x] 2. Second\n  - _Requirements: 1_\n",
        "specs/a/requirements.md": "# R\n\n### Requirement 1\n\nThe thing.\n",
        "config/private.txt": "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\n",
      },
      "milestone/m1",
    );
    const runs = [
      ["validate"],
      ["status"],
      ["status", "m1"],
      ["execute", "m1"],
      ["verify", "m1"],
      ["scan", "m1"],
      ["start", "m1", "T1"],
      ["approve", "m1", "T1"],
      ["hold", "m1", "T2", "--reason", "x"],
      ["sessions"],
      ["checkpoint", "m1", "--min-changes", "0"],
      ["log", "repair", "m1"],
      ["migrate", "--dry-run"],
      ["parse-tasks", "specs/a/tasks.md"],
      ["trace", "specs/a"],
      ["import", "specs/a", "--id", "a"],
      ["--version"],
      ["status", "--bogus"],
    ];
    const camel: string[] = [];
    let keys = 0;
    for (const args of runs) {
      const { out } = await repo.cli("--json", ...args);
      const found = keysOf(JSON.parse(out));
      keys += found.length;
      camel.push(...found.filter((k) => /[a-z][A-Z]/.test(k)).map((k) => `${args.join(" ")}: ${k}`));
    }
    expect(camel).toEqual([]);
    expect(keys).toBeGreaterThan(300);
  });

  it.each([
    [
      { taskId: "T1", heldBack: [{ skippedSecrets: 1 }] },
      { task_id: "T1", held_back: [{ skipped_secrets: 1 }] },
    ],
    [
      { details: { fooBar: 1 }, data: { someFact: 2 } },
      { details: { fooBar: 1 }, data: { someFact: 2 } },
    ],
    [
      { T1: 1, "x-y": 2, Leverage: "a", already_snake: 3 },
      { T1: 1, "x-y": 2, Leverage: "a", already_snake: 3 },
    ],
  ])("toJsonNames(%j)", (value, expected) => {
    expect(toJsonNames(value)).toEqual(expected);
  });

  it("keeps a key named __proto__ from data as a key, and converts a name the same the second time", () => {
    const value = JSON.parse('{"__proto__": {"taskId": "T1"}, "byTask": {"__proto__": 1}}') as unknown;
    const once = JSON.stringify(toJsonNames(value));
    expect(once).toBe('{"__proto__":{"task_id":"T1"},"by_task":{"__proto__":1}}');
    expect(JSON.stringify(toJsonNames(value))).toBe(once);
    expect(Object.getPrototypeOf(toJsonNames(value))).toBe(Object.prototype);
  });
});
