import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The shared corpus of real task lists (`../shared/corpus` from the repository root, read-only).
 * Tests read the files in place; nothing here writes.
 */
const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, "../../..");
/** The corpus folder: PHASEGATE_CORPUS when set, else `../shared/corpus` beside the repository. */
export const CORPUS_ROOT = process.env.PHASEGATE_CORPUS
  ? resolve(process.env.PHASEGATE_CORPUS)
  : resolve(REPO_ROOT, "../shared/corpus");
export const FIXTURES = resolve(REPO_ROOT, "test/fixtures/interop");

export interface CorpusFile {
  /** Path inside the corpus, `/`-separated, e.g. `kiro/RockyBoyRC__SpaceWeirdos/.kiro/specs/1-ui-design-system/tasks.md`. */
  rel: string;
  abs: string;
  text: string;
  /** Names of the files beside it (for `spec.json` detection). */
  siblings: string[];
}

export function requireCorpus(): void {
  if (!existsSync(CORPUS_ROOT)) {
    throw new Error(
      `the corpus is missing at ${CORPUS_ROOT}; the corpus tests read it (set PHASEGATE_CORPUS to its folder, or put ../shared beside the repository)`,
    );
  }
}

function walk(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir)) {
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) walk(abs, out);
    else out.push(abs);
  }
  return out;
}

function load(abs: string): CorpusFile {
  return {
    rel: relative(CORPUS_ROOT, abs).split("\\").join("/"),
    abs,
    text: readFileSync(abs, "utf8"),
    siblings: readdirSync(dirname(abs)),
  };
}

let cache: string[] | undefined;
function allFiles(): string[] {
  requireCorpus();
  cache ??= walk(CORPUS_ROOT, []).sort();
  return cache;
}

/** Every `tasks.md` in the corpus, plus task-list-like markdown (`MILESTONE.md`), sorted by path. */
export function taskListFiles(): CorpusFile[] {
  return allFiles()
    .filter((f) => basename(f) === "tasks.md" || basename(f) === "MILESTONE.md")
    .map(load);
}

export function requirementsFiles(): CorpusFile[] {
  return allFiles()
    .filter((f) => basename(f) === "requirements.md")
    .map(load);
}

/** Every markdown file except the corpus' own documentation. */
export function markdownFiles(): CorpusFile[] {
  return allFiles()
    .filter((f) => f.endsWith(".md") && relative(CORPUS_ROOT, f).includes("/"))
    .map(load);
}

/** A corpus file (`kiro/…/tasks.md`) or a hand-written fixture (`fixture:name.md`). */
export function loadTaskFile(ref: string): CorpusFile {
  if (ref.startsWith("fixture:")) {
    const abs = join(FIXTURES, ref.slice("fixture:".length));
    // Fixtures share one folder; an annotation names the siblings a fixture should pretend to have.
    return { rel: ref, abs, text: readFileSync(abs, "utf8"), siblings: [] };
  }
  requireCorpus();
  return load(join(CORPUS_ROOT, ref));
}

/** The flavour folder the corpus filed a file under (`kiro`, `kiro-ccsdd`, `speckit`, …). */
export function corpusKind(rel: string): string {
  return rel.split("/")[0] ?? "";
}
