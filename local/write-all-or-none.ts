import { rm } from "node:fs/promises";
import type { LocalRepo } from "./local-repo.js";

/**
 * Write `files` into the working tree, each atomically (LocalRepo.writeFile), and all or none: when
 * one write fails, the files written before it are put back as they were (removed when they were new).
 */
export async function writeAllOrNone(repo: LocalRepo, files: { path: string; text: string }[]): Promise<void> {
  const done: { path: string; before: string | undefined }[] = [];
  try {
    for (const file of files) {
      const before = (await repo.read(file.path))?.text;
      await repo.writeFile(file.path, file.text);
      done.push({ path: file.path, before });
    }
  } catch (error) {
    for (const { path, before } of done.reverse()) {
      await (before === undefined ? rm(`${repo.root}/${path}`, { force: true }) : repo.writeFile(path, before)).catch(
        () => undefined,
      );
    }
    throw error;
  }
}
