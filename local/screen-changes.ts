/**
 * The changed files a checkpoint leaves out after the file-name rules: files whose content holds a
 * secret, and files git could commit but we will not touch (a symlink out of the repository, a
 * dangling symlink, a name with `\`), and binary or very large files the plan does not list. Each is
 * reported with its rule; none stops the checkpoint.
 */
import { lstat } from "node:fs/promises";
import { join } from "node:path";
import type { HeldBack } from "../core/index.js";
import { confinePath, PathRefused } from "./confine-path.js";
import { detectSecretContent } from "./detect-secret-content.js";

/** Checked a few at a time: secretlint is CPU-bound, reading is not. */
const PARALLEL = 8;

export async function screenChanges(
  root: string,
  paths: string[],
  listed: ReadonlySet<string> = new Set(),
  onProgress?: (done: number, total: number) => void,
): Promise<HeldBack[]> {
  const held: Array<HeldBack | undefined> = new Array(paths.length);
  for (let at = 0; at < paths.length; at += PARALLEL) {
    const batch = paths.slice(at, at + PARALLEL);
    const results = await Promise.all(batch.map((path) => screenOne(root, path, listed.has(path))));
    results.forEach((result, i) => (held[at + i] = result));
    onProgress?.(at + batch.length, paths.length);
  }
  return held.filter((h): h is HeldBack => h !== undefined);
}

async function screenOne(root: string, path: string, listed: boolean): Promise<HeldBack | undefined> {
  if (path.includes("\\")) return { path, rule: "odd-name", reason: "its name contains a backslash" };
  const info = await lstat(join(root, ...path.split("/"))).catch(() => undefined);
  if (info === undefined) return undefined; // deleted: the deletion is committed
  if (info.isSymbolicLink()) {
    try {
      await confinePath(root, path);
      return undefined; // a link inside the repository is committed as a link
    } catch (error) {
      if (!(error instanceof PathRefused)) throw error;
      return { path, rule: "symlink", reason: `a symlink: ${error.reason}` };
    }
  }
  if (!info.isFile()) return undefined;
  const found = await detectSecretContent(join(root, ...path.split("/")), { listed });
  return found && { path, rule: found.rule, reason: found.message };
}
