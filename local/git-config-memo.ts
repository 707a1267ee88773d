/**
 * What `git config` said, kept in the git directory (`.git/phasegate/config.json`) with everything
 * that decides what git reads: the git program, the environment, and the identity (device, inode,
 * size, times in nanoseconds, mode, owner) of every file git reads its settings from, recorded as
 * absent when it does not exist. An answer is reused only while all of them are the same (ADR 40);
 * anything this module cannot account for (includes, an origin it does not know, `GIT_DIR`, a file
 * changed too recently for its times to tell) leaves the answer to git. Not durable: a lost memo costs
 * a git process, never a wrong answer.
 */
import { access, constants, mkdir, readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { replaceFile } from "./file-lock.js";
import { runGit } from "./git.js";
import { findGitDir } from "./log-witness.js";
import { findCommonDir } from "./ref-files.js";

const VERSION = 1;
/** Variables that move git's repository or config file elsewhere: never remembered, always asked. */
const UNKNOWN_PLACES = ["GIT_DIR", "GIT_COMMON_DIR", "GIT_CONFIG"];
/**
 * A file changed this recently may change again with the same times (they tick in steps): its answer
 * is not kept (git's "racily clean"). Fine steps (nanoseconds) and coarse ones (whole seconds, FAT's 2 s).
 */
const RACY_NS = { fine: 100_000_000n, coarse: 3_000_000_000n };

/** What git's answer depends on: equal states give equal answers. */
interface State {
  /** The git program PATH finds, and its identity. */
  git: string;
  /** The variables that change what git reads (JSON). */
  env: string;
  /** Where this git keeps its system-wide file (it was built with it: asked once). */
  system: string;
  /** Each file git reads settings from, with its identity, or null when it does not exist. */
  files: [string, string | null][];
}

interface Stored extends State {
  /** Pattern → the settings git gave for it. */
  answers: Record<string, [string, string][]>;
}

export class GitConfigMemo {
  private constructor(
    private readonly file: string,
    private readonly stored: Stored | undefined,
    private readonly state: State,
    private readonly racy: boolean,
  ) {}

  /**
   * The memo of the repository at `root` and the state now; undefined where nothing can be
   * remembered. The files are looked at before git is asked, so a change after that is a change later.
   */
  static async open(root: string): Promise<GitConfigMemo | undefined> {
    const env = process.env;
    if (process.platform === "win32" || UNKNOWN_PLACES.some((name) => env[name] !== undefined)) return undefined;
    const gitDir = await findGitDir(root);
    const file = join(gitDir, "phasegate", "config.json");
    const [stored, git, commonDir] = await Promise.all([
      readFile(file, "utf8").then(parseStored, () => undefined),
      findGit(root, env.PATH),
      findCommonDir(gitDir),
    ]);
    const envKey = JSON.stringify(relevantEnv(env));
    if (git === undefined) return undefined;
    const sameGit = stored?.git === git && stored.env === envKey;
    const system = sameGit ? stored.system : await askSystemFile(root);
    const globals = globalFiles(root, env);
    if (system === undefined || globals === undefined) return undefined;
    const paths = [system, ...globals, join(commonDir, "config"), join(gitDir, "config.worktree")];
    const now = BigInt(Date.now()) * 1_000_000n;
    const stats = await Promise.all(paths.map(identify));
    // No repository config, or a file that cannot be looked at: git may be reading something else.
    if (stats.some((s) => s === undefined) || stats[paths.length - 2] === null) return undefined;
    const files = paths.map((path, i): [string, string | null] => [path, stats[i]?.id ?? null]);
    const racy = stats.some(
      (s) => s && s.mtimeNs > now - (s.mtimeNs % 10_000_000n === 0n ? RACY_NS.coarse : RACY_NS.fine),
    );
    return new GitConfigMemo(file, stored, { git, env: envKey, system, files }, racy);
  }

  /** The settings git gave for `pattern` when everything they depend on is as it was then. */
  recall(pattern: string): Map<string, string> | undefined {
    const answers = this.current()?.answers;
    return answers && Object.hasOwn(answers, pattern) ? new Map(answers[pattern]) : undefined;
  }

  /** Whether `origin` (as `git config --show-origin` prints it) is one of the places this memo watches. */
  watches(root: string, origin: string): boolean {
    if (origin === "command line:") return true; // `-c` and GIT_CONFIG_* variables, part of the state
    if (!origin.startsWith("file:")) return false;
    const path = resolve(root, origin.slice("file:".length));
    return this.state.files.some(([known]) => resolve(root, known) === path);
  }

  /**
   * Record git's answer for `pattern`, given with the files as they were when this memo was opened;
   * undefined when it is not to be remembered (includes, an origin not watched, git failed). Where the
   * system file is, is kept either way.
   */
  async learn(pattern: string, values: Map<string, string> | undefined): Promise<void> {
    const { stored, state } = this;
    const trusted = values !== undefined && !this.racy;
    if (!trusted && stored?.git === state.git && stored.env === state.env) return;
    const answers = Object.create(null) as Stored["answers"];
    if (trusted) Object.assign(answers, this.current()?.answers, { [pattern]: [...values] });
    const text = JSON.stringify({ version: VERSION, ...state, answers }) + "\n";
    await mkdir(join(this.file, ".."), { recursive: true });
    await replaceFile(this.file, Buffer.from(text), { durable: false });
  }

  private current(): Stored | undefined {
    const { stored, state } = this;
    const same =
      stored !== undefined &&
      stored.git === state.git &&
      stored.env === state.env &&
      stored.system === state.system &&
      JSON.stringify(stored.files) === JSON.stringify(state.files);
    return same ? stored : undefined;
  }
}

/**
 * The variables git's configuration depends on: every `GIT_*` one but the traces (GIT_CONFIG_GLOBAL,
 * _SYSTEM, _NOSYSTEM, _COUNT, _KEY_n, _VALUE_n, _PARAMETERS, GIT_CEILING_DIRECTORIES, …), HOME,
 * XDG_CONFIG_HOME, and who runs it.
 */
function relevantEnv(env: NodeJS.ProcessEnv): [string, string | number | undefined][] {
  const names = Object.keys(env)
    .filter((name) => name.startsWith("GIT_") && !name.startsWith("GIT_TRACE"))
    .sort();
  return [...names, "HOME", "XDG_CONFIG_HOME"]
    .map((name): [string, string | undefined] => [name, env[name]])
    .concat([["uid", String(process.getuid?.())]]);
}

/** The "global" files git reads: GIT_CONFIG_GLOBAL alone, else the XDG file and `~/.gitconfig`. */
function globalFiles(root: string, env: NodeJS.ProcessEnv): string[] | undefined {
  const global = env.GIT_CONFIG_GLOBAL;
  if (global !== undefined) return global === "" || global.startsWith("~") ? undefined : [resolve(root, global)];
  const home = env.HOME;
  if (!home) return undefined;
  const xdg = env.XDG_CONFIG_HOME ? join(resolve(root, env.XDG_CONFIG_HOME), "git") : join(home, ".config", "git");
  return [join(xdg, "config"), join(resolve(root, home), ".gitconfig")];
}

/**
 * Where git reads its system-wide file (a path it was built with, or GIT_CONFIG_SYSTEM): git opens it
 * in an "editor" that prints the path it was given. The file is neither created nor changed.
 */
async function askSystemFile(root: string): Promise<string | undefined> {
  const out = await runGit(root, ["config", "--system", "--edit"], { env: { GIT_EDITOR: "printf %s" } }).catch(
    () => "",
  );
  return out === "" ? undefined : resolve(root, out);
}

/** The git program a process started with PATH runs (the first executable `git` on it), with its identity. */
async function findGit(root: string, path: string | undefined): Promise<string | undefined> {
  if (!path) return undefined;
  // Every candidate looked at at once; the first that runs wins, as in execvp.
  const candidates = await Promise.all(
    path.split(":").map(async (dir) => {
      const candidate = resolve(root, dir || ".", "git");
      const found = await identify(candidate);
      const runs = found?.file === true && (await isExecutable(candidate));
      return { candidate, found, runs };
    }),
  );
  for (const { candidate, found, runs } of candidates) {
    if (found === undefined) return undefined;
    if (runs) return `${candidate} ${found?.id}`;
  }
  return undefined;
}

function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** A file's identity; null when there is none; undefined when it cannot be looked at. */
async function identify(path: string): Promise<{ id: string; mtimeNs: bigint; file: boolean } | null | undefined> {
  try {
    const s = await stat(path, { bigint: true });
    const id = [s.dev, s.ino, s.size, s.mtimeNs, s.ctimeNs, s.mode, s.uid].join(":");
    return { id, mtimeNs: s.mtimeNs, file: s.isFile() };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" || code === "ENOTDIR" ? null : undefined;
  }
}

/** A stored memo; undefined for one that is damaged, foreign or of another version. */
function parseStored(text: string): Stored | undefined {
  try {
    const value = JSON.parse(text) as Partial<Stored> & { version?: unknown };
    const isText = (v: unknown) => typeof v === "string";
    const pairs = (v: unknown, second: (x: unknown) => boolean) =>
      Array.isArray(v) && v.every((p) => Array.isArray(p) && p.length === 2 && isText(p[0]) && second(p[1]));
    const ok =
      value.version === VERSION &&
      isText(value.git) &&
      isText(value.env) &&
      isText(value.system) &&
      pairs(value.files, (v) => v === null || isText(v)) &&
      typeof value.answers === "object" &&
      value.answers !== null &&
      Object.values(value.answers).every((answer) => pairs(answer, isText));
    return ok ? (value as Stored) : undefined;
  } catch {
    return undefined;
  }
}
