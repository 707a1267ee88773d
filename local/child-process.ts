/**
 * `node:child_process`, loaded when a process is first started: a command that starts none (a warm
 * `claim`, ADR 40) does not load it and the ~17 internal modules it pulls in (`net`, `dgram`, pipes).
 * A synchronous `require` keeps `startGit` synchronous; the bundle and the sources both have one.
 */
import { createRequire } from "node:module";

type ChildProcessModule = typeof import("node:child_process");

const load = createRequire(import.meta.url);
let loaded: ChildProcessModule | undefined;

/** The `node:child_process` module, loaded on the first call. */
export function childProcess(): ChildProcessModule {
  loaded ??= load("node:child_process") as ChildProcessModule;
  return loaded;
}
