// The floor of a checkpoint that a Node command can be held to: a Node process that runs
// `git add -A` and then `git commit`, as a shell would, in the current directory (ADR 34).
// Run as `node bench/lib/git-commit-floor.mjs`.
import { spawnSync } from "node:child_process";

for (const args of [
  ["add", "-A"],
  ["commit", "-q", "-m", "floor"],
]) {
  const result = spawnSync("git", args, { stdio: ["ignore", "ignore", "pipe"] });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
}
