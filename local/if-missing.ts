/** A catch handler that turns "no such file or folder" into `fallback` and rethrows anything else. */
export function ifMissing<T>(fallback: T): (error: unknown) => T {
  return (error) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return fallback;
    throw error;
  };
}
