/**
 * Parsed plans kept in the git directory (`.git/phasegate/plans/<build>/`), keyed by the plan file
 * and its blob id (and `.github/phasegate.yml`'s, whose settings the plan is built with): a 1,000-task plan takes a quarter of a second to parse and validate, and its
 * meaning cannot change while its bytes and the parsing code stay the same. The build id names the
 * parsing code; entries of other builds are removed when a new build first writes.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { PlanCache, RowsSource } from "../core/index.js";
import { replaceFile } from "./file-lock.js";
import { findGitDir } from "./log-witness.js";
import { openRowsFile, type RowsFile } from "./open-rows-file.js";

declare const __PHASEGATE_BUILD__: string | undefined;

/** The bundle's build id (a hash of the core's sources, set by scripts/build.mjs); undefined unbundled. */
export const BUILD_ID: string | undefined = typeof __PHASEGATE_BUILD__ === "string" ? __PHASEGATE_BUILD__ : undefined;

export class GitDirPlanCache implements PlanCache {
  private folder: Promise<string> | undefined;
  /** Entries open for lazy tasks (ADR 41). */
  private readonly open = new Set<RowsFile>();

  /** `openRows` opens an entry for a narrow read (a test counts the bytes it reads). */
  constructor(
    private readonly root: string,
    private readonly build: string,
    private readonly openRows = openRowsFile,
  ) {}

  async get(key: string): Promise<string | undefined> {
    return readFile(join(await this.dir(), name(key)), "utf8").catch(() => undefined);
  }

  /** The entry open for a narrow read: its tasks' bytes are read when used, until close(). */
  async getRows(key: string): Promise<RowsSource | undefined> {
    return this.openRows(join(await this.dir(), name(key)), this.open);
  }

  /** Let go of the entries lazy tasks still read from (the command is done with them). */
  close(): void {
    for (const rows of [...this.open]) rows.close();
  }

  async set(key: string, value: string): Promise<void> {
    const dir = await this.dir();
    await mkdir(dir, { recursive: true });
    await replaceFile(join(dir, name(key)), Buffer.from(value, "utf8"), { durable: false });
  }

  private dir(): Promise<string> {
    this.folder ??= (async () => {
      const plans = join(await findGitDir(this.root), "phasegate", "plans");
      const builds = await readdir(plans).catch(() => [] as string[]);
      await Promise.all(
        builds.filter((b) => b !== this.build).map((b) => rm(join(plans, b), { recursive: true, force: true })),
      );
      return join(plans, this.build);
    })();
    return this.folder;
  }
}

function name(key: string): string {
  return `${createHash("sha256").update(key).digest("hex").slice(0, 32)}.json`;
}
