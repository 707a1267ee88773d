/** Every command runs in the one shell (cli/commands/command.ts): the same usage errors, help and version. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { COMMANDS } from "../../cli/commands/all-commands.js";
import { main } from "../../cli/main.js";
import { sampleFiles } from "../helpers/sample-plan.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";

const CLI = fileURLToPath(new URL("../../bin/phasegate.js", import.meta.url));
const PACKAGE = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

let repo: ScratchRepo | undefined;
let folder: string | undefined;
afterEach(() => {
  repo?.cleanup();
  if (folder) rmSync(folder, { recursive: true, force: true });
  repo = folder = undefined;
});

async function cli(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]) {
  let out = "";
  let err = "";
  const io = { out: (t: string) => void (out += t), err: (t: string) => void (err += t), json: false };
  const code = await main(args, io, { cwd, env });
  return { code, out, err };
}

/** The arguments a command's usage line requires, each `<…>` filled in: `log repair <milestone>` → repair x. */
function requiredArgs(usage: string): string[] {
  const words = usage
    .replace(/<[^>]+>/g, "x")
    .split(" ")
    .slice(2);
  const end = words.findIndex((w) => w.startsWith("[") || w.startsWith("-"));
  return end === -1 ? words : words.slice(0, end);
}

describe("one command shell", () => {
  it.each(COMMANDS.map((c) => [c.name, c] as const))(
    "%s: a bad --as is a usage error (exit 2, JSON too) before anything is read or written",
    async (_, command) => {
      repo = scratchRepo(sampleFiles(), "milestone/m1");
      const config = repo.read(".git/config");
      const args = [command.name, ...requiredArgs(command.usage), "--as", "bad_login"];
      const text = await cli(repo.root, repo.env, ...args);
      expect([text.code, text.out]).toEqual([2, ""]);
      expect(text.err).toContain('--as "bad_login" is not a GitHub login');
      const json = await cli(repo.root, repo.env, "--json", ...args);
      expect(json.code).toBe(2);
      expect(JSON.parse(json.out)).toMatchObject({ ok: false, error: "usage" });
      expect(repo.read(".git/config")).toBe(config);
      expect(repo.git("status", "--porcelain")).toBe("");
    },
  );

  it.each([
    [["sessions", "frob"], 'unknown sessions verb "frob" (expected: show)'],
    [["log", "frob", "m1"], 'unknown log verb "frob" (expected: repair)'],
  ])("%j: an unknown verb is a usage error, even outside a repository", async (args, message) => {
    folder = mkdtempSync(join(tmpdir(), "phasegate-shell-"));
    const { code, err } = await cli(folder, {}, ...args);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });

  it.each([
    [["trace", "specs/none"], "phasegate trace: specs/none: no tasks.md"],
    [["parse-tasks", "nope.md"], "phasegate parse-tasks: nope.md: no such file"],
    [["schema", "--check"], "phasegate schema: schema/plan.schema.json does not exist"],
    [
      ["merge-log", "base", "ours", "theirs", ".milestones/logs/m1.jsonl"],
      "phasegate merge-log: .milestones/logs/m1.jsonl: our side does not verify",
    ],
  ])(
    "%j: a command's own refusal is its line on stderr, exit 1, and under --json an error on stdout",
    async (args, message) => {
      repo = scratchRepo({ "specs/none/README.md": "x\n", base: "", ours: "not an event\n", theirs: "" });
      const text = await cli(repo.root, repo.env, ...args);
      expect([text.code, text.out]).toEqual([1, ""]);
      expect(text.err).toContain(message);
      const json = await cli(repo.root, repo.env, "--json", ...args);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.out)).toEqual({
        ok: false,
        error: "failed",
        message: expect.stringContaining(message.replace(/^phasegate [\w-]+: /, "")),
      });
      expect(repo.read("ours")).toBe("not an event\n");
    },
  );

  it("completion runs in the shell too: its help, and an unknown option or extra argument is a usage error", async () => {
    const help = await cli(process.cwd(), {}, "help", "completion");
    expect([help.code, help.out]).toEqual([0, expect.stringMatching(/^usage: phasegate completion bash\|zsh\|fish\n/)]);
    for (const args of [
      ["bash", "--bogus"],
      ["bash", "zsh"],
    ]) {
      const wrong = await cli(process.cwd(), {}, "completion", ...args);
      expect([wrong.code, wrong.out], args.join(" ")).toEqual([2, ""]);
    }
    const none = await cli(process.cwd(), {}, "completion");
    expect([none.code, none.err]).toEqual([2, expect.stringContaining("say which shell: bash, zsh or fish")]);
  });

  it("help lists the commands in two columns: indented names, padded to the longest, then the summaries", async () => {
    const { code, out } = await cli(process.cwd(), {}, "help");
    expect(code).toBe(0);
    const width = Math.max(...COMMANDS.map((c) => c.name.length));
    const lines = out.split("\n");
    for (const command of COMMANDS) {
      const row = lines.find((l) => l.startsWith(`  ${command.name} `));
      expect(row, command.name).toBeDefined();
      expect(row!.slice(0, width + 4), command.name).toBe(`  ${command.name.padEnd(width)}  `);
      expect(row![width + 4], command.name).toMatch(/\S/);
      // A summary that wraps goes on under its own column.
      const next = lines[lines.indexOf(row!) + 1]!;
      if (next.startsWith(" ".repeat(width + 4))) expect(next[width + 4]).toMatch(/\S/);
    }
  });

  it("--version in the built bundle is package.json's, put in at build time", () => {
    const result = spawnSync(process.execPath, [CLI, "--version"], { encoding: "utf8" });
    expect([result.status, result.stdout, result.stderr]).toEqual([0, `phasegate ${PACKAGE.version}\n`, ""]);
    const bundle = readFileSync(fileURLToPath(new URL("../../dist/phasegate.mjs", import.meta.url)), "utf8");
    expect(bundle).not.toContain("__PHASEGATE_VERSION__");
  });
});
