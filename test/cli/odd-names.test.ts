import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { sampleFiles } from "../helpers/sample-plan.js";

const CLI = fileURLToPath(new URL("../../bin/phasegate.js", import.meta.url));
let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

/** The CLI in its own process: a crash in a library (an unhandled rejection) kills it, as for a user. */
function cliProcess(r: ScratchRepo, ...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: r.root, env: r.env, encoding: "utf8", timeout: 30_000 });
}

const RSA = `-----BEGIN RSA PRIVATE KEY-----\n${["MIIEowIBAAKCAQEAvb4", ...Array.from({ length: 5 }, (_, i) => "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo" + i)].join("\n")}\n-----END RSA PRIVATE KEY-----\n`;

/** File names git stores as they are, each with something that has broken line- or text-based parsing. */
const NAMES = [
  "new\nline.txt",
  "ends with newline\n",
  "\nstarts with newline.txt",
  "folder\nwith newline/inner.txt",
  "carriage\rreturn.txt",
  "tab\there.txt",
  "x::end",
  "y::end||z.txt",
  "::start",
  'quote".txt',
  "-dash.txt",
  "--end-of-options",
  "sp ace .txt",
  "ünïcødé.txt",
  "\u001b[31mred.txt",
  "nul\u0001ctrl.txt",
  "percent%s%d.txt",
];

describe("file names with newlines and other odd characters", () => {
  it("every checkpoint commits them, holds back a secret among them, and never crashes", () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    for (const name of NAMES) repo.write(name, `content of ${JSON.stringify(name)}\n`);
    repo.write("secret\nkey.txt", RSA);
    const first = cliProcess(repo, "checkpoint", "m1", "--min-changes", "1", "--as", "bob", "--json");
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    const result = JSON.parse(first.stdout) as { committed: boolean; files: string[]; held_back: { path: string }[] };
    expect(result.committed).toBe(true);
    expect(result.held_back.map((h) => h.path)).toEqual(["secret\nkey.txt"]);
    const tracked = repo.git("ls-files", "-z").split("\0");
    for (const name of NAMES) expect(tracked).toContain(name);
    expect(tracked).not.toContain("secret\nkey.txt");

    // The next checkpoints work too, with the odd files changed, deleted and the secret still there.
    repo.write("new\nline.txt", "changed\n");
    repo.git("rm", "-q", "--", "tab\there.txt");
    const human = cliProcess(repo, "checkpoint", "m1", "--min-changes", "1", "--as", "bob");
    expect(human.stderr).toBe("");
    expect(human.status).toBe(0);
    // One line per file held back: the newline in its name is shown escaped.
    expect(human.stdout).toContain("held back secret\\nkey.txt: ");
    // HEAD~1: the checkpoint's commit (HEAD holds its event log, ADR 20).
    expect(repo.git("show", "--name-only", "-z", "--format=", "HEAD~1").split("\0").filter(Boolean)).toEqual(
      expect.arrayContaining(["new\nline.txt", "tab\there.txt"]),
    );
    expect(cliProcess(repo, "status", "m1").status).toBe(0);
    expect(cliProcess(repo, "verify", "m1").status).toBe(0);
  }, 60_000);
});
