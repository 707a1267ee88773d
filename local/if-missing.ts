import { stat } from "node:fs/promises";

/** A catch handler that turns "no such file or folder" into `fallback` and rethrows anything else. */
export function ifMissing<T>(fallback: T): (error: unknown) => T {
  return (error) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return fallback;
    throw error;
  };
}

/** Whether something may be at `path`: false only when it certainly is not ("no such file"); any other error counts as there. */
export function mayExist(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    (error: NodeJS.ErrnoException) => error.code !== "ENOENT",
  );
}
